/* sillon-window.c — the main window: vault creation, unlock, and what follows
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-window.h"

#include "sillon-auto-lock.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "sillon-assessment-wizard.h"
#include "sillon-assessment.h"
#include "sillon-message-label.h"
#include "sillon-people-page.h"
#include "sillon-person-page.h"
#include "sillon-vault-session.h"

struct _SillonWindow
{
  GtkApplicationWindow parent_instance;

  GSettings *settings;
  SillonVaultSession *session; /* NULL while locked */
  GCancellable *cancellable;
  char *vault_path;
  /* A vault was created but its store could not be opened: shown once the
   * recovery key, which is shown only once, has been copied. */
  GError *pending_store_error;
  SillonAutoLock *auto_lock;
  SillonQuestionnaireRegistry *registry;
  SillonOrientationRules *rules;

  GtkHeaderBar *header_bar;
  GtkWidget *lock_button;
  GtkStack *stack;

  GtkWidget *create_page;
  GtkEntry *name_entry;
  GtkEntry *new_passphrase_entry;
  GtkEntry *confirm_passphrase_entry;
  GtkLabel *create_message;
  GtkSpinner *create_spinner;
  GtkWidget *create_button;

  GtkWidget *recovery_page;
  GtkLabel *recovery_key_label;
  GtkToggleButton *recovery_saved_check;
  GtkWidget *recovery_continue_button;

  GtkWidget *unlock_page;
  GtkLabel *unlock_path_label;
  GtkEntry *unlock_passphrase_entry;
  GtkLabel *unlock_message;
  GtkSpinner *unlock_spinner;
  GtkWidget *unlock_button;

  SillonPeoplePage *people_page;
  SillonPersonPage *person_page;
  SillonAssessmentWizard *wizard;
  GtkWidget *store_error_page;
  GtkLabel *store_error_label;
};

G_DEFINE_FINAL_TYPE (SillonWindow, sillon_window, GTK_TYPE_APPLICATION_WINDOW)

/* The core's messages are correct but technical; at the counter the
 * mediator needs to know what to do next. */
static char *
describe_vault_error (const GError *error)
{
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

static void
set_busy (GtkSpinner *spinner,
          GtkWidget *button,
          gboolean busy)
{
  gtk_widget_set_visible (GTK_WIDGET (spinner), busy);
  if (busy)
    gtk_spinner_start (spinner);
  else
    gtk_spinner_stop (spinner);
  gtk_widget_set_sensitive (button, !busy);
}

/* Borrowed from the session: valid until it locks. */
static SillonStore *
current_store (SillonWindow *self)
{
  return self->session != NULL ? sillon_vault_session_get_store (self->session) : NULL;
}

static void
update_lock_action (SillonWindow *self)
{
  /* The store error page offers to lock even when opening the store failed
   * and the session already locked itself: locking leads back to the
   * unlock page. */
  gboolean open = (self->session != NULL && !sillon_vault_session_is_locked (self->session)) ||
                  gtk_stack_get_visible_child (self->stack) == self->store_error_page;
  GAction *lock = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (lock), open);
  gtk_widget_set_visible (self->lock_button, open);
}

static void
show_page (SillonWindow *self,
           GtkWidget *page)
{
  gtk_stack_set_visible_child (self->stack, page);

  if (page == self->create_page)
    {
      gtk_header_bar_set_subtitle (self->header_bar, _ ("New vault"));
      gtk_widget_grab_default (self->create_button);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
  else if (page == self->unlock_page)
    {
      gtk_header_bar_set_subtitle (self->header_bar, _ ("Locked"));
      gtk_widget_grab_default (self->unlock_button);
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_passphrase_entry));
    }
  else if (page == self->recovery_page)
    {
      gtk_header_bar_set_subtitle (self->header_bar, _ ("Recovery key"));
      gtk_widget_grab_focus (GTK_WIDGET (self->recovery_saved_check));
    }
  else if (SILLON_IS_PAGE (page))
    {
      gtk_header_bar_set_subtitle (self->header_bar, sillon_page_get_title (SILLON_PAGE (page)));
      sillon_page_switch_to (SILLON_PAGE (page));
    }
  else
    {
      gtk_header_bar_set_subtitle (self->header_bar, NULL);
    }
  update_lock_action (self);
}

/* The pages borrow the session's store: everything lets go of it before
 * the session locks. */
static void
close_store (SillonWindow *self,
             gboolean keep_assessment)
{
  if (keep_assessment && sillon_assessment_wizard_is_active (self->wizard))
    sillon_assessment_wizard_suspend (self->wizard);
  else
    sillon_assessment_wizard_reset (self->wizard);
  sillon_person_page_clear (self->person_page);
  sillon_people_page_set_store (self->people_page, NULL);
}

/* @keep_assessment: an assessment under way stays in memory (never on
 * disk) for when the mediator unlocks again; closing the window drops it. */
static void
lock_vault (SillonWindow *self,
            gboolean keep_assessment)
{
  close_store (self, keep_assessment);
  if (self->session != NULL)
    sillon_vault_session_lock (self->session);
  g_clear_object (&self->session);
  g_clear_error (&self->pending_store_error);
}

static void
show_store_error (SillonWindow *self,
                  const GError *error)
{
  /* Translators: %s is the technical reason. */
  g_autofree char *text = g_strdup_printf (_ ("The vault is open, but Sillon cannot read or update the records inside it. "
                                              "Nothing was changed. Lock the vault and ask for help before going on.\n\n%s"),
                                           error->message);

  gtk_label_set_text (self->store_error_label, text);
  show_page (self, self->store_error_page);
}

static void
show_home (SillonWindow *self)
{
  SillonStore *store = current_store (self);

  /* The idle delay starts again from the unlock. */
  sillon_auto_lock_reset (self->auto_lock);

  sillon_people_page_set_store (self->people_page, store);
  if (sillon_assessment_wizard_is_active (self->wizard))
    {
      g_autoptr (GError) person_error = NULL;

      /* The person page is what the wizard returns to. */
      if (!sillon_person_page_load (self->person_page, store,
                                    sillon_assessment_wizard_get_beneficiary_id (self->wizard), &person_error))
        {
          sillon_assessment_wizard_reset (self->wizard);
          show_store_error (self, person_error);
          return;
        }
      sillon_assessment_wizard_resume (self->wizard, store);
      show_page (self, GTK_WIDGET (self->wizard));
      return;
    }
  show_page (self, GTK_WIDGET (self->people_page));
}

static void
on_person_activated (SillonWindow *self,
                     gint64 beneficiary_id)
{
  g_autoptr (GError) error = NULL;

  if (!sillon_person_page_load (self->person_page, current_store (self), beneficiary_id, &error))
    {
      show_store_error (self, error);
      return;
    }
  show_page (self, GTK_WIDGET (self->person_page));
}

static void
on_person_page_back (SillonWindow *self)
{
  sillon_person_page_clear (self->person_page);
  sillon_people_page_refresh (self->people_page);
  show_page (self, GTK_WIDGET (self->people_page));
}

static void
on_person_page_new_assessment (SillonWindow *self)
{
  g_autoptr (GError) error = NULL;
  SillonQuestionnaire *questionnaire;

  if (self->registry == NULL)
    self->registry = sillon_questionnaire_registry_new_default ();
  questionnaire = sillon_questionnaire_registry_get_latest (self->registry, &error);
  if (questionnaire != NULL && self->rules == NULL)
    self->rules = sillon_orientation_rules_load (self->registry, sillon_orientation_rules_latest_version (), &error);
  if (questionnaire == NULL || self->rules == NULL)
    {
      /* Translators: %s is the technical reason. */
      g_autofree char *text = g_strdup_printf (_ ("The questionnaire cannot be loaded: %s"), error->message);
      sillon_person_page_show_message (self->person_page, text);
      return;
    }

  sillon_assessment_wizard_start (self->wizard, current_store (self), questionnaire, self->rules,
                                  sillon_person_page_get_beneficiary_id (self->person_page),
                                  sillon_person_page_get_display_name (self->person_page),
                                  sillon_vault_session_get_mediator_name (self->session));
  show_page (self, GTK_WIDGET (self->wizard));
}

static void
return_to_person (SillonWindow *self)
{
  on_person_activated (self, sillon_person_page_get_beneficiary_id (self->person_page));
}

static void
on_wizard_saved (SillonWindow *self,
                 gint64 assessment_id)
{
  return_to_person (self);
}

static void
on_wizard_cancelled (SillonWindow *self)
{
  return_to_person (self);
}

/* Two lines of groups are easier to copy by hand than one long line. The
 * label is not selectable: a clipboard manager would keep the key on disk. */
static void
show_recovery_key (SillonWindow *self,
                   const char *key)
{
  g_autofree char *text = g_strdup (key);
  guint dashes = 0, seen = 0;

  for (const char *p = text; *p != '\0'; p++)
    dashes += (*p == '-');
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' && ++seen == (dashes + 1) / 2)
        {
          *p = '\n';
          break;
        }
    }
  gtk_label_set_text (self->recovery_key_label, text);
  sodium_memzero (text, strlen (text));
}

/* Whether @error is about the vault file itself (a wrong passphrase, a busy
 * or damaged vault, a folder that cannot be made), shown on the page that
 * asked for it, rather than about the records inside an unlocked vault. */
static gboolean
is_vault_error (const GError *error)
{
  return error->domain == SILLON_VAULT_ERROR || error->domain == G_IO_ERROR;
}

static void
on_create_done (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (SillonWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  char *recovery_key = NULL;
  g_autoptr (SillonVaultSession) session = sillon_vault_session_create_finish (result, &recovery_key, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (recovery_key != NULL)
        sillon_vault_free_secret (recovery_key);
      return;
    }
  set_busy (self->create_spinner, self->create_button, FALSE);
  if (recovery_key == NULL)
    {
      g_autofree char *text = describe_vault_error (error);
      sillon_message_label_set (self->create_message, text);
      return;
    }

  /* The vault exists from here on, even if its store failed to open: its
   * recovery key is shown whatever happens next. */
  g_set_object (&self->session, session);
  g_clear_error (&self->pending_store_error);
  self->pending_store_error = g_steal_pointer (&error);
  gtk_entry_set_text (self->new_passphrase_entry, "");
  gtk_entry_set_text (self->confirm_passphrase_entry, "");
  show_recovery_key (self, recovery_key);
  sillon_vault_free_secret (recovery_key);
  gtk_toggle_button_set_active (self->recovery_saved_check, FALSE);
  show_page (self, self->recovery_page);
}

static void
on_create_button_clicked (SillonWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  const char *passphrase = gtk_entry_get_text (self->new_passphrase_entry);
  const char *confirmation = gtk_entry_get_text (self->confirm_passphrase_entry);

  if (name[0] == '\0')
    {
      sillon_message_label_set (self->create_message, _ ("Enter your name: it identifies your passphrase and appears on printed sheets."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  if (g_utf8_strlen (passphrase, -1) < SILLON_VAULT_MIN_PASSPHRASE_LENGTH)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("The passphrase must have at least %d character.",
                                                         "The passphrase must have at least %d characters.",
                                                         SILLON_VAULT_MIN_PASSPHRASE_LENGTH),
                                               SILLON_VAULT_MIN_PASSPHRASE_LENGTH);
      sillon_message_label_set (self->create_message, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_passphrase_entry));
      return;
    }
  if (g_strcmp0 (passphrase, confirmation) != 0)
    {
      sillon_message_label_set (self->create_message, _ ("The two passphrases are different. Type the same passphrase twice."));
      gtk_widget_grab_focus (GTK_WIDGET (self->confirm_passphrase_entry));
      return;
    }

  sillon_message_label_set (self->create_message, NULL);
  set_busy (self->create_spinner, self->create_button, TRUE);
  sillon_vault_session_create_async (self->vault_path, name, passphrase, NULL, "app", self->cancellable,
                                     on_create_done, g_object_ref (self));
}

static void
on_recovery_saved_check_toggled (SillonWindow *self)
{
  gtk_widget_set_sensitive (self->recovery_continue_button,
                            gtk_toggle_button_get_active (self->recovery_saved_check));
}

static void
on_recovery_continue_button_clicked (SillonWindow *self)
{
  /* The key is shown once: drop it from the widget before moving on. */
  gtk_label_set_text (self->recovery_key_label, "");
  if (self->pending_store_error != NULL)
    {
      g_autoptr (GError) error = g_steal_pointer (&self->pending_store_error);
      show_store_error (self, error);
      return;
    }
  show_home (self);
}

static void
on_unlock_done (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (SillonWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = sillon_vault_session_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self->unlock_spinner, self->unlock_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_passphrase_entry), TRUE);
  if (session == NULL && is_vault_error (error))
    {
      g_autofree char *text = describe_vault_error (error);
      sillon_message_label_set (self->unlock_message, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_passphrase_entry));
      return;
    }

  gtk_entry_set_text (self->unlock_passphrase_entry, "");
  sillon_message_label_set (self->unlock_message, NULL);
  if (session == NULL)
    {
      /* The passphrase was right; the records inside are what failed. */
      show_store_error (self, error);
      return;
    }
  g_set_object (&self->session, session);
  show_home (self);
}

static void
on_unlock_button_clicked (SillonWindow *self)
{
  const char *passphrase = gtk_entry_get_text (self->unlock_passphrase_entry);

  if (passphrase[0] == '\0')
    {
      sillon_message_label_set (self->unlock_message, _ ("Type your passphrase."));
      gtk_widget_grab_focus (GTK_WIDGET (self->unlock_passphrase_entry));
      return;
    }

  sillon_message_label_set (self->unlock_message, NULL);
  set_busy (self->unlock_spinner, self->unlock_button, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_passphrase_entry), FALSE);
  sillon_vault_session_open_async (self->vault_path, passphrase, "app", self->cancellable,
                                   on_unlock_done, g_object_ref (self));
}

static void
on_lock_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  SillonWindow *self = SILLON_WINDOW (user_data);

  lock_vault (self, TRUE);
  show_page (self, self->unlock_page);
}

/* Idle delay or screen lock: lock as the lock button does, keeping an
 * assessment in progress in memory so that the mediator finds it again. */
static void
on_auto_lock_requested (SillonWindow *self)
{
  if (self->session == NULL)
    return;
  lock_vault (self, TRUE);
  show_page (self, self->unlock_page);
}

static const GActionEntry win_actions[] = {
  { "lock", on_lock_activated, NULL, NULL, NULL, { 0 } },
};

static void
save_window_state (SillonWindow *self)
{
  int width, height;

  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_boolean (self->settings, "window-maximized", TRUE);
      return;
    }
  gtk_window_get_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", FALSE);
}

static void
drop_assessment (SillonWindow *self)
{
  sillon_assessment_wizard_reset (self->wizard);
  /* While locked, the unlock page stays: there is no person page to show. */
  if (current_store (self) != NULL)
    return_to_person (self);
}

/* The mediator chose to discard the assessment to leave: drop it as
 * Cancel would, then leave again, which no longer asks. */
static void
on_quit_question_answered (GObject *source,
                           GAsyncResult *result,
                           gpointer user_data)
{
  SillonWindow *self = SILLON_WINDOW (user_data);
  GApplication *app;

  if (!sillon_assessment_wizard_ask_discard_finish (SILLON_ASSESSMENT_WIZARD (source), result, NULL))
    return;
  app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  drop_assessment (self);
  if (app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_close_question_answered (GObject *source,
                            GAsyncResult *result,
                            gpointer user_data)
{
  SillonWindow *self = SILLON_WINDOW (user_data);

  if (!sillon_assessment_wizard_ask_discard_finish (SILLON_ASSESSMENT_WIZARD (source), result, NULL))
    return;
  drop_assessment (self);
  gtk_window_close (GTK_WINDOW (self));
}

/* Asked also while the vault is locked: the answers are still in memory,
 * and quitting drops them. Auto-lock never asks (it keeps them). */
static gboolean
confirm_leaving (SillonWindow *self,
                 GAsyncReadyCallback on_answered)
{
  if (!sillon_assessment_wizard_has_answers (self->wizard))
    return TRUE;
  gtk_window_present (GTK_WINDOW (self));
  sillon_assessment_wizard_ask_discard_async (self->wizard, _ ("Quit and discard this assessment?"),
                                              _ ("_Discard and Quit"), NULL, on_answered, self);
  return FALSE;
}

gboolean
sillon_window_request_quit (SillonWindow *self)
{
  g_return_val_if_fail (SILLON_IS_WINDOW (self), TRUE);

  return confirm_leaving (self, on_quit_question_answered);
}

void
sillon_window_prepare_quit (SillonWindow *self)
{
  g_return_if_fail (SILLON_IS_WINDOW (self));

  save_window_state (self);
  /* Leaving the window closes the vault: keys are wiped before exit. */
  lock_vault (self, FALSE);
}

static gboolean
sillon_window_delete_event (GtkWidget *widget,
                            GdkEventAny *event)
{
  if (!confirm_leaving (SILLON_WINDOW (widget), on_close_question_answered))
    return GDK_EVENT_STOP;
  sillon_window_prepare_quit (SILLON_WINDOW (widget));
  /* GtkWindow has no delete_event of its own to chain up to: propagating
   * lets the default handler destroy the window. */
  return GDK_EVENT_PROPAGATE;
}

static void
sillon_window_dispose (GObject *object)
{
  SillonWindow *self = SILLON_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->auto_lock);
  /* Dispose may run twice: only the first pass has anything to close. */
  if (self->session != NULL)
    lock_vault (self, FALSE);
  g_clear_error (&self->pending_store_error);
  g_clear_object (&self->rules);
  g_clear_object (&self->registry);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sillon_window_parent_class)->dispose (object);
}

static void
sillon_window_finalize (GObject *object)
{
  SillonWindow *self = SILLON_WINDOW (object);

  g_free (self->vault_path);
  G_OBJECT_CLASS (sillon_window_parent_class)->finalize (object);
}

static void
sillon_window_class_init (SillonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_window_dispose;
  object_class->finalize = sillon_window_finalize;
  widget_class->delete_event = sillon_window_delete_event;

  g_type_ensure (SILLON_TYPE_PEOPLE_PAGE);
  g_type_ensure (SILLON_TYPE_PERSON_PAGE);
  g_type_ensure (SILLON_TYPE_ASSESSMENT_WIZARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, create_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, new_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, confirm_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, create_message);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, create_spinner);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, recovery_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, recovery_key_label);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, recovery_saved_check);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, recovery_continue_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, unlock_path_label);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, unlock_passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, unlock_message);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, unlock_spinner);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, people_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, person_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, wizard);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, store_error_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, store_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_create_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_saved_check_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_continue_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_person_page_back);
  gtk_widget_class_bind_template_callback (widget_class, on_person_page_new_assessment);
  gtk_widget_class_bind_template_callback (widget_class, on_wizard_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_wizard_cancelled);
}

static void
sillon_window_init (SillonWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APPLICATION_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  self->auto_lock = sillon_auto_lock_new (GTK_WINDOW (self), self->settings);
  g_signal_connect_swapped (self->auto_lock, "lock-requested", G_CALLBACK (on_auto_lock_requested), self);

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* The vault path comes from the application, which GtkWindow only learns
 * after construction: hence this step in _new rather than in constructed. */
static void
sillon_window_show_first_page (SillonWindow *self,
                               SillonApplication *application)
{
  g_autofree char *where = NULL;

  self->vault_path = g_strdup (sillon_application_get_vault_path (application));
  /* Translators: %s is the path of the vault file. */
  where = g_strdup_printf (_ ("Vault: %s"), self->vault_path);
  gtk_label_set_text (self->unlock_path_label, where);

  if (g_file_test (self->vault_path, G_FILE_TEST_EXISTS))
    show_page (self, self->unlock_page);
  else
    show_page (self, self->create_page);
}

SillonWindow *
sillon_window_new (SillonApplication *application)
{
  SillonWindow *self = g_object_new (SILLON_TYPE_WINDOW, "application", application, NULL);

  sillon_window_show_first_page (self, application);
  return self;
}
