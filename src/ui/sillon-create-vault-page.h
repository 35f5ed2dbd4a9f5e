/* sillon-create-vault-page.h — the first run: create the vault and the first passphrase
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sillon-page.h"

G_BEGIN_DECLS

/* Signals:
 * - created (SillonVaultSession *session, const char *recovery_key,
 *   GError *store_error): the vault file exists. @session is NULL when its
 *   store could not be opened (@store_error says why); the recovery key
 *   must be shown all the same, and is valid only during the emission. */
#define SILLON_TYPE_CREATE_VAULT_PAGE (sillon_create_vault_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonCreateVaultPage, sillon_create_vault_page, SILLON, CREATE_VAULT_PAGE, SillonPage)

/* Where the vault will be created. */
void sillon_create_vault_page_set_vault_path (SillonCreateVaultPage *self,
                                              const char *path);

G_END_DECLS
