/* sillon-vault-form.c — what the create-vault and unlock pages share
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vault-form.h"

#include <glib/gi18n.h>

#include "sillon-message-label.h"
#include "sillon-vault.h"

char *
sillon_vault_form_describe_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == SILLON_VAULT_ERROR)
    {
      switch ((SillonVaultError) error->code)
        {
          case SILLON_VAULT_ERROR_WRONG_PASSPHRASE:
            return g_strdup (_ ("This passphrase does not open the vault. Check the keyboard layout and Caps Lock, then try again."));
          case SILLON_VAULT_ERROR_BUSY:
            return g_strdup (_ ("The vault is already open in another Sillon window or program. Close it there first."));
          case SILLON_VAULT_ERROR_TAMPERED:
            return g_strdup_printf (_ ("The vault file is damaged or was modified outside Sillon. Nothing was changed. Restore a backup, or ask for help before doing anything else. (%s)"), error->message);
          case SILLON_VAULT_ERROR_NOT_A_VAULT:
            return g_strdup (_ ("This file is not a Sillon vault, or it is too damaged to open."));
          case SILLON_VAULT_ERROR_UNSUPPORTED_VERSION:
            return g_strdup (_ ("This vault was made by a newer version of Sillon. Update Sillon to open it."));
          default:
            break;
        }
    }
  return g_strdup (error->message);
}

gboolean
sillon_vault_form_is_vault_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return error->domain == SILLON_VAULT_ERROR || error->domain == G_IO_ERROR;
}

void
sillon_vault_form_set_busy (GtkSpinner *spinner,
                            GtkWidget *button,
                            gboolean busy)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));
  g_return_if_fail (GTK_IS_WIDGET (button));

  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  if (busy)
    gtk_spinner_start (spinner);
  else
    gtk_spinner_stop (spinner);
  gtk_widget_set_sensitive (button, !busy);
}

gboolean
sillon_vault_form_check_new_passphrase (GtkEntry *passphrase_entry,
                                        GtkEntry *confirm_entry,
                                        GtkLabel *message)
{
  const char *passphrase;

  g_return_val_if_fail (GTK_IS_ENTRY (passphrase_entry), FALSE);
  g_return_val_if_fail (GTK_IS_ENTRY (confirm_entry), FALSE);
  g_return_val_if_fail (GTK_IS_LABEL (message), FALSE);

  passphrase = gtk_entry_get_text (passphrase_entry);
  if (g_utf8_strlen (passphrase, -1) < SILLON_VAULT_MIN_PASSPHRASE_LENGTH)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("The passphrase must have at least %d character.",
                                                         "The passphrase must have at least %d characters.",
                                                         SILLON_VAULT_MIN_PASSPHRASE_LENGTH),
                                               SILLON_VAULT_MIN_PASSPHRASE_LENGTH);
      sillon_message_label_set (message, text);
      gtk_widget_grab_focus (GTK_WIDGET (passphrase_entry));
      return FALSE;
    }
  if (g_strcmp0 (passphrase, gtk_entry_get_text (confirm_entry)) != 0)
    {
      sillon_message_label_set (message, _ ("The two passphrases are different. Type the same passphrase twice."));
      gtk_widget_grab_focus (GTK_WIDGET (confirm_entry));
      return FALSE;
    }
  return TRUE;
}
