/* sillon-vault-form.c — what the create-vault and unlock pages share
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vault-form.h"

#include <glib/gi18n.h>

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
