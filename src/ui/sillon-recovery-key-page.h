/* sillon-recovery-key-page.h — the recovery key, shown once after creating the vault
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sillon-page.h"

G_BEGIN_DECLS

/* Signals:
 * - acknowledged: the mediator says the key is written down and goes on;
 *   the key has already left the page. */
#define SILLON_TYPE_RECOVERY_KEY_PAGE (sillon_recovery_key_page_get_type ())
G_DECLARE_FINAL_TYPE (SillonRecoveryKeyPage, sillon_recovery_key_page, SILLON, RECOVERY_KEY_PAGE, SillonPage)

/* Shows @key (not kept: the page copies it into the label only) and asks
 * again for the acknowledgement. */
void sillon_recovery_key_page_set_key (SillonRecoveryKeyPage *self,
                                       const char *key);

G_END_DECLS
