/* sillon-unlock-page.h — the vault is locked: ask for the passphrase
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sillon-page.h"

G_BEGIN_DECLS

/* Signals:
 * - unlocked (SillonVaultSession *session, GError *store_error): the
 *   passphrase opened the vault. @session is NULL when the records inside
 *   could not be opened (@store_error says why; the vault is locked
 *   again). A wrong passphrase, a busy or damaged vault are told on the
 *   page itself and emit nothing. */
#define SILLON_TYPE_UNLOCK_PAGE (sillon_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonUnlockPage, sillon_unlock_page, SILLON, UNLOCK_PAGE, SillonPage)

/* The vault to open, also shown on the page. */
void sillon_unlock_page_set_vault_path (SillonUnlockPage *self,
                                        const char *path);

G_END_DECLS
