/* sillon-unlock-page.c — the vault is locked: ask for the passphrase
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-unlock-page.h"

#include <glib/gi18n.h>

#include "sillon-message-label.h"
#include "sillon-vault-form.h"

struct _SillonUnlockPage
{
  SillonPage parent_instance;

  char *vault_path;
  GCancellable *cancellable;

  GtkLabel *unlock_path_label;
  GtkEntry *unlock_passphrase_entry;
  GtkLabel *unlock_message;
  GtkSpinner *unlock_spinner;
  GtkWidget *unlock_button;
};

G_DEFINE_FINAL_TYPE (SillonUnlockPage, sillon_unlock_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
sillon_unlock_page_set_vault_path (SillonUnlockPage *self,
                                   const char *path)
{
  g_autofree char *where = NULL;

  g_return_if_fail (SILLON_IS_UNLOCK_PAGE (self));

  g_free (self->vault_path);
  self->vault_path = g_strdup (path);
  /* Translators: %s is the path of the vault file. */
  where = g_strdup_printf (_ ("Vault: %s"), path != NULL ? path : "");
  gtk_label_set_text (self->unlock_path_label, where);
}

static void
on_unlock_done (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (SillonUnlockPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = sillon_vault_session_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  sillon_vault_form_set_busy (self->unlock_spinner, self->unlock_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_passphrase_entry), TRUE);
  if (session == NULL && sillon_vault_form_is_vault_error (error))
    {
      g_autofree char *text = sillon_vault_form_describe_error (error);
      sillon_message_label_set (self->unlock_message, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_passphrase_entry));
      return;
    }

  gtk_entry_set_text (self->unlock_passphrase_entry, "");
  sillon_message_label_set (self->unlock_message, NULL);
  g_signal_emit (self, signals[SIGNAL_UNLOCKED], 0, session, error);
}

static void
on_unlock_button_clicked (SillonUnlockPage *self)
{
  const char *passphrase = gtk_entry_get_text (self->unlock_passphrase_entry);

  if (passphrase[0] == '\0')
    {
      sillon_message_label_set (self->unlock_message, _ ("Type your passphrase."));
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_passphrase_entry));
      return;
    }

  sillon_message_label_set (self->unlock_message, NULL);
  sillon_vault_form_set_busy (self->unlock_spinner, self->unlock_button, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_passphrase_entry), FALSE);
  sillon_vault_session_open_async (self->vault_path, passphrase, "app", self->cancellable,
                                   on_unlock_done, g_object_ref (self));
}

static void
sillon_unlock_page_switch_to (SillonPage *page)
{
  SillonUnlockPage *self = SILLON_UNLOCK_PAGE (page);

  gtk_widget_grab_default (self->unlock_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_passphrase_entry));
}

static void
sillon_unlock_page_dispose (GObject *object)
{
  SillonUnlockPage *self = SILLON_UNLOCK_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (sillon_unlock_page_parent_class)->dispose (object);
}

static void
sillon_unlock_page_finalize (GObject *object)
{
  SillonUnlockPage *self = SILLON_UNLOCK_PAGE (object);

  g_free (self->vault_path);
  G_OBJECT_CLASS (sillon_unlock_page_parent_class)->finalize (object);
}

static void
sillon_unlock_page_class_init (SillonUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_unlock_page_dispose;
  object_class->finalize = sillon_unlock_page_finalize;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_unlock_page_switch_to;

  signals[SIGNAL_UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                           SILLON_TYPE_VAULT_SESSION,
                                           G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, unlock_path_label);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, unlock_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, unlock_message);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, unlock_spinner);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, unlock_button);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_button_clicked);
}

static void
sillon_unlock_page_init (SillonUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}
