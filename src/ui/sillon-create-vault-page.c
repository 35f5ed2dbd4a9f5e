/* sillon-create-vault-page.c — the first run: create the vault and the first passphrase
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-create-vault-page.h"

#include <glib/gi18n.h>

#include "sillon-message-label.h"
#include "sillon-vault-form.h"

struct _SillonCreateVaultPage
{
  SillonPage parent_instance;

  char *vault_path;
  GCancellable *cancellable;

  GtkEntry *name_entry;
  GtkEntry *new_passphrase_entry;
  GtkEntry *confirm_passphrase_entry;
  GtkLabel *create_message;
  GtkSpinner *create_spinner;
  GtkWidget *create_button;
};

G_DEFINE_FINAL_TYPE (SillonCreateVaultPage, sillon_create_vault_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
sillon_create_vault_page_set_vault_path (SillonCreateVaultPage *self,
                                         const char *path)
{
  g_return_if_fail (SILLON_IS_CREATE_VAULT_PAGE (self));

  g_free (self->vault_path);
  self->vault_path = g_strdup (path);
}

static void
on_create_done (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (SillonCreateVaultPage) self = user_data;
  g_autoptr (GError) error = NULL;
  char *recovery_key = NULL;
  g_autoptr (SillonVaultSession) session = sillon_vault_session_create_finish (result, &recovery_key, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (recovery_key != NULL)
        sillon_vault_free_secret (recovery_key);
      return;
    }
  sillon_vault_form_set_busy (self->create_spinner, self->create_button, FALSE);
  if (recovery_key == NULL)
    {
      g_autofree char *text = sillon_vault_form_describe_error (error);
      sillon_message_label_set (self->create_message, text);
      return;
    }

  /* The vault exists from here on, even if its store failed to open: its
   * recovery key is shown whatever happens next. */
  gtk_entry_set_text (self->new_passphrase_entry, "");
  gtk_entry_set_text (self->confirm_passphrase_entry, "");
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, session, recovery_key, error);
  sillon_vault_free_secret (recovery_key);
}

static void
on_create_button_clicked (SillonCreateVaultPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  const char *passphrase = gtk_entry_get_text (self->new_passphrase_entry);

  if (name[0] == '\0')
    {
      sillon_message_label_set (self->create_message, _ ("Enter your name: it identifies your passphrase and appears on printed sheets."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  if (!sillon_vault_form_check_new_passphrase (self->new_passphrase_entry, self->confirm_passphrase_entry,
                                               self->create_message))
    return;

  sillon_message_label_set (self->create_message, NULL);
  sillon_vault_form_set_busy (self->create_spinner, self->create_button, TRUE);
  sillon_vault_session_create_async (self->vault_path, name, passphrase, NULL, "app", self->cancellable,
                                     on_create_done, g_object_ref (self));
}

static void
sillon_create_vault_page_switch_to (SillonPage *page)
{
  SillonCreateVaultPage *self = SILLON_CREATE_VAULT_PAGE (page);

  gtk_widget_grab_default (self->create_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
sillon_create_vault_page_dispose (GObject *object)
{
  SillonCreateVaultPage *self = SILLON_CREATE_VAULT_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (sillon_create_vault_page_parent_class)->dispose (object);
}

static void
sillon_create_vault_page_finalize (GObject *object)
{
  SillonCreateVaultPage *self = SILLON_CREATE_VAULT_PAGE (object);

  g_free (self->vault_path);
  G_OBJECT_CLASS (sillon_create_vault_page_parent_class)->finalize (object);
}

static void
sillon_create_vault_page_class_init (SillonCreateVaultPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_create_vault_page_dispose;
  object_class->finalize = sillon_create_vault_page_finalize;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_create_vault_page_switch_to;

  /* The recovery key is passed without a copy (static scope): it must not
   * be duplicated into ordinary memory. */
  signals[SIGNAL_CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                          SILLON_TYPE_VAULT_SESSION,
                                          G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                                          G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-create-vault-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonCreateVaultPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonCreateVaultPage, new_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonCreateVaultPage, confirm_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonCreateVaultPage, create_message);
  gtk_widget_class_bind_template_child (widget_class, SillonCreateVaultPage, create_spinner);
  gtk_widget_class_bind_template_child (widget_class, SillonCreateVaultPage, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_create_button_clicked);
}

static void
sillon_create_vault_page_init (SillonCreateVaultPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
