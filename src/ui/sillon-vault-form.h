/* sillon-vault-form.h — what the create-vault and unlock pages share
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the mediator should do about @error, which came from opening or
 * creating the vault: the core's messages are correct but technical. */
char *sillon_vault_form_describe_error (const GError *error) G_GNUC_WARN_UNUSED_RESULT;

/* Whether @error is about the vault file itself (a wrong passphrase, a busy
 * or damaged vault, a folder that cannot be made), shown on the form that
 * asked for it, rather than about the records inside an unlocked vault. */
gboolean sillon_vault_form_is_vault_error (const GError *error);

/* Shows @spinner turning and makes @button insensitive while the key is
 * derived (about a second), so that a second press does not start another. */
void sillon_vault_form_set_busy (GtkSpinner *spinner,
                                 GtkWidget *button,
                                 gboolean busy);

/* Whether the new passphrase typed in @passphrase_entry and again in
 * @confirm_entry is one the vault accepts (long enough, the same twice);
 * if not, says why in @message and moves the focus to the entry to
 * correct. */
gboolean sillon_vault_form_check_new_passphrase (GtkEntry *passphrase_entry,
                                                 GtkEntry *confirm_entry,
                                                 GtkLabel *message);

G_END_DECLS
