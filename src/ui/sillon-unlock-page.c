/* sillon-unlock-page.c — the vault is locked: ask for the passphrase
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-unlock-page.h"

#include <glib/gi18n.h>

#include <string.h>

#include "sillon-message-label.h"
#include "sillon-vault-form.h"
#include "sillon-recovery-key.h"
#include "sillon-vault.h"

struct _SillonUnlockPage
{
  SillonPage parent_instance;

  char *vault_path;
  GCancellable *cancellable;
  GSettings *settings;

  GtkStack *unlock_stack;
  GtkLabel *structure_label;
  GtkEntry *unlock_passphrase_entry;
  GtkLabel *unlock_message;
  GtkSpinner *unlock_spinner;
  GtkWidget *unlock_button;
  GtkEntry *recovery_key_entry;
  GtkEntry *new_passphrase_entry;
  GtkEntry *confirm_passphrase_entry;
  GtkLabel *recovery_message;
  GtkSpinner *recovery_spinner;
  GtkWidget *recovery_button;
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
  g_return_if_fail (SILLON_IS_UNLOCK_PAGE (self));

  g_free (self->vault_path);
  self->vault_path = g_strdup (path);
}

/* The lock screen names the structure (from the preferences), not the
 * vault's file: a path means nothing to a mediator. */
static void
on_structure_name_changed (SillonUnlockPage *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "structure-name");

  g_strstrip (name);
  gtk_label_set_text (self->structure_label, name);
  gtk_widget_set_visible (GTK_WIDGET (self->structure_label), name[0] != '\0');
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
  gtk_stack_set_visible_child_name (self->unlock_stack, "passphrase");
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

/* ── The recovery key ──────────────────────────────────────────────────── */

typedef struct
{
  char *path;
  char *recovery_key;
  char *new_passphrase;
} Recovery;

static void
wipe_string (char *text)
{
  if (text != NULL)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

/* Whether @text is empty or only white space (what g_strstrip() removes),
 * looked at in place: a recovery key is not copied for that. */
static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static void
recovery_free (Recovery *recovery)
{
  g_free (recovery->path);
  wipe_string (recovery->recovery_key);
  wipe_string (recovery->new_passphrase);
  g_free (recovery);
}

static void
clear_recovery_form (SillonUnlockPage *self)
{
  gtk_entry_set_text (self->recovery_key_entry, "");
  gtk_entry_set_text (self->new_passphrase_entry, "");
  gtk_entry_set_text (self->confirm_passphrase_entry, "");
  sillon_message_label_set (self->recovery_message, NULL);
}

/* In a worker: the recovery key opens the vault and sets the new
 * passphrase on the only passphrase keyslot (as `sillon-cli vault
 * recover` does); the vault is closed again, and the new passphrase then
 * opens it the ordinary way, so that the session is the same as always. */
static void
recover_in_thread (GTask *task,
                   gpointer source_object,
                   gpointer task_data,
                   GCancellable *cancellable)
{
  Recovery *recovery = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = sillon_vault_open_with_recovery_key (recovery->path, recovery->recovery_key,
                                                                       SILLON_VAULT_SLOT_AUTO,
                                                                       recovery->new_passphrase, &error);

  if (vault == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sillon_vault_lock (vault);
  g_task_return_boolean (task, TRUE);
}

static char *
describe_recovery_error (const GError *error)
{
  if (g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE))
    return g_strdup (_ ("This recovery key does not open the vault. Check each group of characters against the paper; letters and digits such as O and 0 are told apart."));
  if (g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_REQUIRED))
    return g_strdup (_ ("Several mediators have a passphrase for this vault, and the recovery key cannot tell whose to replace. Ask another mediator to unlock, or use “sillon-cli vault recover --slot N”."));
  if (error->domain == SILLON_RECOVERY_KEY_ERROR)
    return g_strdup (_ ("This is not a recovery key: it is groups of capital letters and digits 2 to 7, as printed when the vault was created."));
  return sillon_vault_form_describe_error (error);
}

static void
on_recovery_done (GObject *source,
                  GAsyncResult *result,
                  gpointer user_data)
{
  g_autoptr (SillonUnlockPage) self = user_data;
  g_autoptr (GError) error = NULL;
  Recovery *recovery = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = describe_recovery_error (error);
      sillon_vault_form_set_busy (self->recovery_spinner, self->recovery_button, FALSE);
      sillon_message_label_set (self->recovery_message, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->recovery_key_entry));
      return;
    }
  /* The new passphrase is set: open as always, and say so on the
   * passphrase page if that fails. */
  clear_recovery_form (self);
  sillon_vault_form_set_busy (self->recovery_spinner, self->recovery_button, FALSE);
  gtk_stack_set_visible_child_name (self->unlock_stack, "passphrase");
  sillon_message_label_set (self->unlock_message, NULL);
  sillon_vault_form_set_busy (self->unlock_spinner, self->unlock_button, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_passphrase_entry), FALSE);
  sillon_vault_session_open_async (self->vault_path, recovery->new_passphrase, "app", self->cancellable,
                                   on_unlock_done, g_object_ref (self));
}

static void
on_recovery_button_clicked (SillonUnlockPage *self)
{
  const char *key = gtk_entry_get_text (self->recovery_key_entry);
  const char *passphrase = gtk_entry_get_text (self->new_passphrase_entry);
  g_autoptr (GTask) task = NULL;
  Recovery *recovery;

  if (is_blank (key))
    {
      sillon_message_label_set (self->recovery_message, _ ("Type the recovery key printed when the vault was created."));
      gtk_widget_grab_focus (GTK_WIDGET (self->recovery_key_entry));
      return;
    }
  if (!sillon_vault_form_check_new_passphrase (self->new_passphrase_entry, self->confirm_passphrase_entry,
                                               self->recovery_message))
    return;

  recovery = g_new0 (Recovery, 1);
  recovery->path = g_strdup (self->vault_path);
  recovery->recovery_key = g_strdup (key);
  recovery->new_passphrase = g_strdup (passphrase);
  sillon_message_label_set (self->recovery_message, NULL);
  sillon_vault_form_set_busy (self->recovery_spinner, self->recovery_button, TRUE);
  task = g_task_new (NULL, self->cancellable, on_recovery_done, g_object_ref (self));
  g_task_set_task_data (task, recovery, (GDestroyNotify) recovery_free);
  g_task_run_in_thread (task, recover_in_thread);
}

/* Shows the form @name (the passphrase or the recovery form), its
 * @default_button and the focus in its first @entry; the recovery form
 * emptied whichever it is. */
static void
show_form (SillonUnlockPage *self, const char *name, GtkWidget *default_button, GtkEntry *entry)
{
  clear_recovery_form (self);
  gtk_stack_set_visible_child_name (self->unlock_stack, name);
  gtk_widget_grab_default (default_button);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

static void
on_forgot_button_clicked (SillonUnlockPage *self)
{
  gtk_entry_set_text (self->unlock_passphrase_entry, "");
  show_form (self, "recovery", self->recovery_button, self->recovery_key_entry);
}

/* Where the page starts, and where Back from the recovery form returns:
 * the passphrase, the recovery form emptied. */
static void
show_passphrase_form (SillonUnlockPage *self)
{
  show_form (self, "passphrase", self->unlock_button, self->unlock_passphrase_entry);
}

static void
on_recovery_back_button_clicked (SillonUnlockPage *self)
{
  show_passphrase_form (self);
}

static void
sillon_unlock_page_switch_to (SillonPage *page)
{
  show_passphrase_form (SILLON_UNLOCK_PAGE (page));
}

static void
sillon_unlock_page_dispose (GObject *object)
{
  SillonUnlockPage *self = SILLON_UNLOCK_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
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
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, unlock_stack);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, structure_label);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, recovery_key_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, new_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, confirm_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, recovery_message);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, recovery_spinner);
  gtk_widget_class_bind_template_child (widget_class, SillonUnlockPage, recovery_button);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_forgot_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_back_button_clicked);
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
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::structure-name", G_CALLBACK (on_structure_name_changed),
                           self, G_CONNECT_SWAPPED);
  on_structure_name_changed (self);
}
