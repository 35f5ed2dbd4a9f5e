/* sillon-person-page.c — one person and their story
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-person-page.h"

#include <glib/gi18n.h>

#include "sillon-assessment-viewer.h"
#include "sillon-communes.h"
#include "sillon-consent-dialog.h"
#include "sillon-date-entry.h"
#include "sillon-leave-question.h"
#include "sillon-message-label.h"
#include "sillon-person-editor.h"
#include "sillon-people-page.h"
#include "sillon-print-operation.h"
#include "sillon-question-dialog.h"
#include "sillon-questionnaire.h"
#include "sillon-referral-dialog.h"
#include "sillon-referral-status-dialog.h"
#include "sillon-session-editor.h"
#include "sillon-parcours-section.h"
#include "sillon-timeline.h"
#include "sillon-toast.h"
#include "sillon-widget-util.h"

/* What Undo gives back: the session as it was before the last change. */
typedef enum
{
  UNDO_NONE,
  UNDO_INSERT, /* delete what was logged */
  UNDO_UPDATE, /* write the former version back */
  UNDO_DELETE, /* log the deleted session again */
} UndoKind;

struct _SillonPersonPage
{
  SillonPage parent_instance;

  gint64 beneficiary_id;
  char *display_name;
  SillonQuestionnaireRegistry *registry; /* for the skills, on the first session */

  UndoKind undo_kind;
  SillonSession *undo_session; /* in memory only, dropped on lock */
  GArray *undo_referrals;      /* gint64: the deleted session's referrals, linked again on Undo */
  /* The form the lock closed, kept in memory only for when the mediator
   * comes back to the person: a session or a referral (at most one of
   * them is set), and the form's title. */
  SillonSession *draft;
  SillonReferral *referral_draft;
  char *kept_form;
  /* Another form the lock closed (its title), told when the mediator comes
   * back to that person: only the session and referral forms are kept. */
  char *lost_form;
  gint64 lost_form_person;

  GtkWidget *editor;         /* SillonSessionEditor, while open */
  GtkWidget *leave_question; /* asking whether to save an open form, while shown */
  GtkWidget *viewer;         /* SillonAssessmentViewer, while open */
  GtkWidget *dialog;         /* a consent form or a question, while open */
  gint64 consent_id;         /* the consent shown, 0: none */
  gint64 duplicate_id;       /* a person who looks like this one, 0: none */

  GtkLabel *name_label;
  GtkLabel *details_label;
  GtkWidget *log_session_button;
  GtkWidget *new_assessment_button;
  GtkLabel *message_label;
  GtkWidget *duplicate_box;
  GtkLabel *duplicate_label;
  GtkLabel *notes_label;
  GtkLabel *consent_label;
  GtkButton *consent_button;
  SillonTimeline *timeline;
  GtkScrolledWindow *story_scroller;
  GtkContainer *story_box;
  SillonParcoursSection *parcours_section;
  SillonToast *toast;
};

G_DEFINE_FINAL_TYPE (SillonPersonPage, sillon_person_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_BACK,
  SIGNAL_NEW_ASSESSMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
sillon_person_page_show_message (SillonPersonPage *self,
                                 const char *message)
{
  g_return_if_fail (SILLON_IS_PERSON_PAGE (self));

  sillon_message_label_set (self->message_label, message);
}

static void
forget_undo (SillonPersonPage *self)
{
  self->undo_kind = UNDO_NONE;
  g_clear_pointer (&self->undo_session, sillon_session_free);
  g_array_set_size (self->undo_referrals, 0);
}

static gboolean
reload_timeline (SillonPersonPage *self, GError **error)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));

  return store != NULL && sillon_timeline_load (self->timeline, store, self->beneficiary_id, error);
}

/* The Coop's age brackets in the UI's language (the vocabulary's labels
 * are French). */
static const char *
age_bracket_label (const char *api)
{
  static const struct
  {
    const char *api;
    const char *label;
  } labels[] = {
    { "moins_de_douze", N_ ("under 12") },
    { "douze_dix_huit", N_ ("12 to 17 years old") },
    { "dix_huit_vingt_quatre", N_ ("18 to 24 years old") },
    { "vingt_cinq_trente_neuf", N_ ("25 to 39 years old") },
    { "quarante_cinquante_neuf", N_ ("40 to 59 years old") },
    { "soixante_soixante_neuf", N_ ("60 to 69 years old") },
    { "soixante_dix_plus", N_ ("70 or older") },
    { "non_communique", N_ ("age not given") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].api, api))
      return _ (labels[i].label);
  return api;
}

/* The person most like this one (same signals as at creation), offered
 * for merging: duplicates made before the check existed, or on purpose. */
static gboolean
show_duplicate (SillonPersonPage *self, SillonStore *store, const SillonBeneficiary *b, GError **error)
{
  g_autoptr (GPtrArray) duplicates = sillon_store_find_duplicates (store, b, error);
  g_autoptr (SillonBeneficiary) other = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (duplicates == NULL)
    return FALSE;
  self->duplicate_id = 0;
  gtk_widget_hide (self->duplicate_box);
  if (duplicates->len == 0)
    return TRUE;
  other = sillon_store_get_beneficiary (store, ((SillonDuplicate *) duplicates->pdata[0])->beneficiary_id, error);
  if (other == NULL)
    return FALSE;
  name = sillon_beneficiary_dup_display_name (other);
  if (other->birth_year != 0)
    /* Translators: %1$s is a person's name, %2$d their birth year. */
    text = g_strdup_printf (_ ("This may be the same person as %1$s, born in %2$d."), name, other->birth_year);
  else
    /* Translators: %s is a person's name. */
    text = g_strdup_printf (_ ("This may be the same person as %s."), name);
  self->duplicate_id = other->id;
  gtk_label_set_text (self->duplicate_label, text);
  gtk_widget_show (self->duplicate_box);
  return TRUE;
}

/* The latest consent, or what to do without one. */
static gboolean
show_consent (SillonPersonPage *self, SillonStore *store, GError **error)
{
  g_autoptr (GPtrArray) consents = sillon_store_list_consents (store, self->beneficiary_id, error);
  const SillonConsent *latest = NULL;

  if (consents == NULL)
    return FALSE;
  for (guint i = 0; i < consents->len; i++)
    {
      const SillonConsent *c = consents->pdata[i];

      if (latest == NULL || g_strcmp0 (c->date, latest->date) > 0 || (g_strcmp0 (c->date, latest->date) == 0 && c->id > latest->id))
        latest = c;
    }
  if (latest == NULL)
    {
      self->consent_id = 0;
      gtk_label_set_text (self->consent_label, _ ("No consent recorded yet."));
      gtk_button_set_label (self->consent_button, _ ("Record _Consent…"));
      return TRUE;
    }
  {
    g_autofree char *date = sillon_date_format (latest->date);
    g_autofree char *scope = sillon_consent_describe_scope (latest->scope);
    /* Translators: %1$s is a date, %2$s what the person agreed to. */
    g_autofree char *text = g_strdup_printf (_ ("Consent given on %1$s to %2$s."), date, scope);

    self->consent_id = latest->id;
    gtk_label_set_text (self->consent_label, text);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->consent_label), latest->told);
    gtk_button_set_label (self->consent_button, _ ("_Revoke Consent…"));
  }
  return TRUE;
}

static void open_editor (SillonPersonPage *self, const SillonSession *session);

static void open_referral_dialog (SillonPersonPage *self, const char *destination, gint64 session_id);

/* Once the page shows, the form a lock closed opens again for the same
 * person; another person's draft is dropped. */
static gboolean
reopen_draft (gpointer user_data)
{
  SillonPersonPage *self = user_data;
  g_autoptr (SillonSession) draft = g_steal_pointer (&self->draft);
  g_autoptr (SillonReferral) referral = g_steal_pointer (&self->referral_draft);
  gboolean here = gtk_widget_get_mapped (GTK_WIDGET (self));

  g_clear_pointer (&self->kept_form, g_free);
  if (draft != NULL && draft->beneficiary_id == self->beneficiary_id && here)
    open_editor (self, draft);
  if (referral != NULL && referral->beneficiary_id == self->beneficiary_id && here)
    {
      open_referral_dialog (self, referral->destination, referral->session_id);
      if (self->dialog != NULL && SILLON_IS_REFERRAL_DIALOG (self->dialog))
        sillon_referral_dialog_set_draft (SILLON_REFERRAL_DIALOG (self->dialog), referral);
    }
  return G_SOURCE_REMOVE;
}

gboolean
sillon_person_page_load (SillonPersonPage *self,
                         gint64 beneficiary_id,
                         GError **error)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonBeneficiary) b = NULL;
  g_autoptr (GString) details = g_string_new (NULL);

  g_return_val_if_fail (SILLON_IS_PERSON_PAGE (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  b = sillon_store_get_beneficiary (store, beneficiary_id, error);
  if (b == NULL)
    return FALSE;
  if (!sillon_timeline_load (self->timeline, store, beneficiary_id, error) ||
      !sillon_parcours_section_load (self->parcours_section, store, beneficiary_id, error))
    return FALSE;

  if (self->beneficiary_id != beneficiary_id)
    {
      /* Another person's story starts at its top. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->story_scroller), 0);
      forget_undo (self);
      sillon_toast_dismiss (self->toast);
    }
  self->beneficiary_id = beneficiary_id;
  g_free (self->display_name);
  self->display_name = sillon_beneficiary_dup_display_name (b);
  gtk_label_set_text (self->name_label, self->display_name);
  sillon_page_set_title (SILLON_PAGE (self), self->display_name);

  if (b->birth_year != 0)
    {
      const char *bracket = sillon_store_beneficiary_age_bracket (store, b, NULL, NULL);

      /* Translators: %d is a birth year. */
      g_string_append_printf (details, _ ("Born in %d"), b->birth_year);
      if (bracket != NULL)
        g_string_append_printf (details, " · %s", age_bracket_label (bracket));
    }
  else
    g_string_append (details, _ ("Birth year unknown"));
  if (b->commune_insee != NULL)
    {
      /* The commune's name; its code only if the list cannot be read. */
      SillonCommunes *communes = sillon_communes_get_default (NULL);
      g_autofree char *where = communes != NULL ? sillon_communes_describe_code (communes, b->commune_insee)
                                                : g_strdup (b->commune_insee);

      /* Translators: %s is a commune's name, “Rennes (35)”. */
      g_string_append_printf (details, _ (" · commune %s"), where);
    }
  gtk_label_set_text (self->details_label, details->str);
  gtk_label_set_text (self->notes_label, b->notes != NULL ? b->notes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), b->notes != NULL && b->notes[0] != '\0');
  sillon_person_page_show_message (self, NULL);
  if (!show_duplicate (self, store, b, error) || !show_consent (self, store, error))
    return FALSE;
  if (self->lost_form != NULL && self->lost_form_person == beneficiary_id)
    {
      /* Translators: %s is the title of a form (“New Referral”…). */
      g_autofree char *text = g_strdup_printf (_ ("“%s” was open when the vault locked. What was typed in it was not kept: "
                                                  "fill it in again."),
                                               self->lost_form);

      sillon_person_page_show_message (self, text);
      g_clear_pointer (&self->lost_form, g_free);
    }
  if (self->draft != NULL || self->referral_draft != NULL)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reopen_draft, g_object_ref (self), g_object_unref);
  return TRUE;
}

void
sillon_person_page_clear (SillonPersonPage *self)
{
  g_return_if_fail (SILLON_IS_PERSON_PAGE (self));

  if (self->editor != NULL)
    gtk_widget_destroy (self->editor);
  if (self->viewer != NULL)
    gtk_widget_destroy (self->viewer);
  if (self->dialog != NULL)
    gtk_widget_destroy (self->dialog);
  forget_undo (self);
  self->consent_id = 0;
  self->duplicate_id = 0;
  gtk_label_set_text (self->duplicate_label, "");
  gtk_widget_hide (self->duplicate_box);
  gtk_label_set_text (self->notes_label, "");
  gtk_label_set_text (self->consent_label, "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->consent_label), NULL);
  sillon_toast_dismiss (self->toast);
  self->beneficiary_id = 0;
  g_clear_pointer (&self->display_name, g_free);
  gtk_label_set_text (self->name_label, "");
  sillon_page_set_title (SILLON_PAGE (self), NULL);
  gtk_label_set_text (self->details_label, "");
  sillon_person_page_show_message (self, NULL);
  sillon_timeline_clear (self->timeline);
  sillon_parcours_section_clear (self->parcours_section);
}

gint64
sillon_person_page_get_beneficiary_id (SillonPersonPage *self)
{
  g_return_val_if_fail (SILLON_IS_PERSON_PAGE (self), 0);
  return self->beneficiary_id;
}

const char *
sillon_person_page_get_display_name (SillonPersonPage *self)
{
  g_return_val_if_fail (SILLON_IS_PERSON_PAGE (self), NULL);
  return self->display_name;
}

/* ── Sessions: log, edit, delete, undo ──────────────────────────────────── */

/* Whether to save what @dialog holds: only when the mediator asked to
 * (@save) while the vault is still open; otherwise the dialog closes and
 * nothing is written. */
static gboolean
close_unless_saving (GtkWidget *dialog, gboolean save, SillonStore *store)
{
  if (save && store != NULL)
    return TRUE;
  gtk_widget_destroy (dialog);
  return FALSE;
}

static void
after_change (SillonPersonPage *self, const char *message, UndoKind undo_kind, SillonSession *undo_session)
{
  g_autoptr (GError) error = NULL;

  forget_undo (self);
  self->undo_kind = undo_kind;
  self->undo_session = undo_session;
  if (!reload_timeline (self, &error))
    sillon_person_page_show_message (self, error->message);
  sillon_toast_show (self->toast, message, undo_kind != UNDO_NONE);
}

static void
on_editor_response (SillonPersonPage *self, int response, GtkWidget *dialog)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonSession) session = NULL;
  g_autoptr (SillonSession) before = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *destination = NULL;
  gboolean offer_referral;
  gint64 session_id;

  if (!close_unless_saving (dialog, response == GTK_RESPONSE_OK, store))
    return;
  session = sillon_session_editor_get_session (SILLON_SESSION_EDITOR (dialog), &error);
  if (session == NULL)
    {
      sillon_session_editor_show_error (SILLON_SESSION_EDITOR (dialog), error->message);
      return;
    }
  if (session->id != 0)
    {
      before = sillon_store_get_session (store, session->id, &error);
      if (before == NULL || !sillon_store_update_session (store, session, &error))
        {
          sillon_session_editor_show_error (SILLON_SESSION_EDITOR (dialog), error->message);
          return;
        }
      /* Only a referral the edit adds: one already said was offered then. */
      offer_referral = session->referred && !before->referred;
      session_id = session->id;
      destination = g_strdup (session->referral_destination);
      gtk_widget_destroy (dialog);
      after_change (self, _ ("Session saved."), UNDO_UPDATE, g_steal_pointer (&before));
    }
  else
    {
      if (!sillon_store_insert_session (store, session, &error))
        {
          sillon_session_editor_show_error (SILLON_SESSION_EDITOR (dialog), error->message);
          return;
        }
      offer_referral = session->referred;
      destination = g_strdup (session->referral_destination);
      session_id = session->id;
      gtk_widget_destroy (dialog);
      after_change (self, _ ("Session logged."), UNDO_INSERT, g_steal_pointer (&session));
    }
  /* The session is written: the referral to a named place follows at once,
   * its kind of structure taken from the session, and is saved linked to
   * it. Cancelling it keeps the session as saved. */
  if (offer_referral)
    open_referral_dialog (self, destination, session_id);
}

static void
open_editor (SillonPersonPage *self, const SillonSession *session)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  SillonQuestionnaire *questionnaire = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  if (store == NULL || self->editor != NULL)
    return;
  if (self->registry == NULL)
    self->registry = sillon_questionnaire_registry_new_default ();
  questionnaire = sillon_questionnaire_registry_get_latest (self->registry, &error);
  if (questionnaire == NULL)
    /* The session can be logged without skills: say why they are missing. */
    g_warning ("No questionnaire for the skills: %s", error->message);

  self->editor = GTK_WIDGET (sillon_session_editor_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                                        sillon_store_get_vocabulary (store), questionnaire, session));
  g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  g_signal_connect_swapped (self->editor, "response", G_CALLBACK (on_editor_response), self);
  gtk_window_present (GTK_WINDOW (self->editor));
}

void
sillon_person_page_log_session (SillonPersonPage *self)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  SillonVaultSession *vault = sillon_page_get_session (SILLON_PAGE (self));
  g_autoptr (SillonSession) session = sillon_session_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  const char *themes[] = { NULL };

  g_return_if_fail (SILLON_IS_PERSON_PAGE (self));

  if (store == NULL || self->beneficiary_id == 0)
    return;
  session->beneficiary_id = self->beneficiary_id;
  session->mediator_id = vault != NULL ? sillon_vault_session_get_mediator_id (vault) : 0;
  session->date = g_date_time_format (now, "%Y-%m-%d");
  session->duration_minutes = SILLON_SESSION_DEFAULT_DURATION;
  session->place_type = sillon_store_last_session_place_type (store, &error);
  if (error != NULL)
    g_warning ("The last place type cannot be read: %s", error->message);
  session->themes = g_strdupv ((char **) themes);
  open_editor (self, session);
}

static void
on_timeline_edit_session (SillonPersonPage *self, gint64 id)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonSession) session = NULL;
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return;
  session = sillon_store_get_session (store, id, &error);
  if (session == NULL)
    {
      sillon_person_page_show_message (self, error->message);
      return;
    }
  open_editor (self, session);
}

static void
on_timeline_delete_session (SillonPersonPage *self, gint64 id)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonSession) session = NULL;
  g_autoptr (GPtrArray) referrals = NULL;
  g_autoptr (GError) error = NULL;

  if (store == NULL)
    return;
  /* Deleted at once, so that a lock or a crash never resurrects it; Undo
   * logs the same session again from memory. */
  session = sillon_store_get_session (store, id, &error);
  /* Its referrals stay, no longer linked to it: Undo links them again. */
  if (session != NULL)
    referrals = sillon_store_list_session_referrals (store, id, &error);
  if (session == NULL || referrals == NULL || !sillon_store_delete_session (store, id, &error))
    {
      sillon_person_page_show_message (self, error->message);
      return;
    }
  after_change (self, _ ("Session deleted."), UNDO_DELETE, g_steal_pointer (&session));
  for (guint i = 0; i < referrals->len; i++)
    g_array_append_val (self->undo_referrals, ((SillonReferral *) referrals->pdata[i])->id);
  if (!sillon_timeline_focus_first (self->timeline))
    gtk_widget_grab_focus (self->log_session_button);
}

/* Logs a deleted session again, under a new id, and links its referrals
 * (@referral_ids) to it again: all of it or nothing. */
static gboolean
relog_session (SillonStore *store, SillonSession *session, GArray *referral_ids, GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (store, error);

  if (tx == NULL)
    return FALSE;
  session->id = 0;
  if (!sillon_store_insert_session (store, session, error))
    return FALSE;
  for (guint i = 0; i < referral_ids->len; i++)
    {
      g_autoptr (SillonReferral) r = sillon_store_get_referral (store, g_array_index (referral_ids, gint64, i), NULL);

      /* A referral deleted since (with its person merged, say) has nothing
       * to link. */
      if (r == NULL || r->session_id != 0)
        continue;
      r->session_id = session->id;
      if (!sillon_store_update_referral (store, r, error))
        return FALSE;
    }
  return sillon_store_transaction_commit (tx, error);
}

static void
undo (SillonPersonPage *self)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (GError) error = NULL;
  gboolean done = FALSE;

  if (store == NULL || self->undo_kind == UNDO_NONE)
    return;
  switch (self->undo_kind)
    {
      case UNDO_INSERT:
        done = sillon_store_delete_session (store, self->undo_session->id, &error);
        break;
      case UNDO_UPDATE:
        done = sillon_store_update_session (store, self->undo_session, &error);
        break;
      case UNDO_DELETE:
        done = relog_session (store, self->undo_session, self->undo_referrals, &error);
        break;
      case UNDO_NONE:
      default:
        g_assert_not_reached ();
    }
  forget_undo (self);
  sillon_toast_dismiss (self->toast);
  if (!done || !reload_timeline (self, &error))
    {
      sillon_person_page_show_message (self, error->message);
      return;
    }
  sillon_toast_show (self->toast, _ ("Undone."), FALSE);
}

static void
on_toast_undo (SillonPersonPage *self)
{
  undo (self);
}

static void
on_timeline_show_more (SillonPersonPage *self)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (GError) error = NULL;

  if (store != NULL && !sillon_timeline_load_more (self->timeline, store, &error))
    sillon_person_page_show_message (self, error->message);
}

static void
on_timeline_open_assessment (SillonPersonPage *self, gint64 id)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  SillonAssessmentViewer *viewer;

  if (store == NULL || self->viewer != NULL)
    return;
  if (self->registry == NULL)
    self->registry = sillon_questionnaire_registry_new_default ();
  records = sillon_store_list_assessments (store, self->beneficiary_id, &error);
  viewer = records != NULL ? sillon_assessment_viewer_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                                           records, id, self->registry, &error)
                           : NULL;
  if (viewer == NULL)
    {
      sillon_person_page_show_message (self, error->message);
      return;
    }
  self->viewer = GTK_WIDGET (viewer);
  g_object_add_weak_pointer (G_OBJECT (self->viewer), (gpointer *) &self->viewer);
  g_signal_connect (self->viewer, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_window_present (GTK_WINDOW (self->viewer));
}

/* ── Consent and erasure ────────────────────────────────────────────────── */

static void
track_dialog (SillonPersonPage *self, GtkWidget *dialog, GCallback on_response)
{
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  g_signal_connect_swapped (dialog, "response", on_response, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A change is stored: the page shows it and says @message. */
static void
reload_and_say (SillonPersonPage *self, const char *message)
{
  g_autoptr (GError) error = NULL;

  if (!sillon_person_page_load (self, self->beneficiary_id, &error))
    sillon_person_page_show_message (self, error->message);
  sillon_toast_show (self->toast, message, FALSE);
}

static void
on_record_consent_response (SillonPersonPage *self, int response)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  SillonConsentDialog *dialog = SILLON_CONSENT_DIALOG (self->dialog);
  g_autoptr (SillonConsent) consent = NULL;
  g_autoptr (GError) error = NULL;

  if (!close_unless_saving (GTK_WIDGET (dialog), response == GTK_RESPONSE_OK, store))
    return;
  consent = sillon_consent_dialog_get_consent (dialog, &error);
  if (consent == NULL || !sillon_store_insert_consent (store, consent, &error))
    {
      sillon_consent_dialog_show_error (dialog, error->message);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
  reload_and_say (self, _ ("Consent recorded."));
}

static void
on_revoke_consent_response (SillonPersonPage *self, int response)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (GError) error = NULL;

  gtk_widget_destroy (self->dialog);
  if (response != GTK_RESPONSE_ACCEPT || store == NULL || self->consent_id == 0)
    return;
  if (!sillon_store_delete_consent (store, self->consent_id, &error))
    {
      sillon_person_page_show_message (self, error->message);
      return;
    }
  reload_and_say (self, _ ("Consent revoked."));
}

static GtkWidget *
question (SillonPersonPage *self, const char *text, const char *detail, const char *yes)
{
  const SillonQuestionAnswer answers[] = {
    { _ ("_Cancel"), GTK_RESPONSE_CANCEL, NULL },
    { yes, GTK_RESPONSE_ACCEPT, "destructive-action" },
  };

  /* The safe answer is the default: Enter never erases. */
  return sillon_question_dialog_new (GTK_WIDGET (self), text, detail, answers, G_N_ELEMENTS (answers),
                                     GTK_RESPONSE_CANCEL);
}

static void
on_consent_button_clicked (SillonPersonPage *self)
{
  if (self->dialog != NULL || self->beneficiary_id == 0)
    return;
  if (self->consent_id == 0)
    track_dialog (self, GTK_WIDGET (sillon_consent_dialog_new (sillon_widget_get_window (GTK_WIDGET (self)), self->beneficiary_id)),
                  G_CALLBACK (on_record_consent_response));
  else
    track_dialog (self,
                  question (self, _ ("Revoke this consent?"),
                            _ ("The person no longer agrees to what they agreed to. Record a new consent if they agree to less."),
                            _ ("_Revoke")),
                  G_CALLBACK (on_revoke_consent_response));
}

/* What an erasure or a merge does to the records, in its transaction. */
typedef gboolean (*EraseFunc) (SillonPersonPage *self, SillonStore *store, GError **error);

/* Answers the question of an erasure or a merge: when @accepted, @erase
 * runs and its journal entry (an erasure's, @details) commits together
 * with it, as the command line's `person erase` and `person merge` do.
 * Whether it was done; a failure is shown. */
static gboolean
erase_journaled (SillonPersonPage *self, gboolean accepted, EraseFunc erase, const char *details)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  SillonVaultSession *vault = sillon_page_get_session (SILLON_PAGE (self));
  g_autoptr (SillonStoreTransaction) tx = NULL;
  g_autoptr (GError) error = NULL;

  gtk_widget_destroy (self->dialog);
  if (!accepted || store == NULL || vault == NULL)
    return FALSE;
  tx = sillon_store_transaction_begin (store, &error);
  if (tx == NULL || !erase (self, store, &error) ||
      !sillon_vault_session_journal (vault, SILLON_JOURNAL_ERASE, details, &error) ||
      !sillon_store_transaction_commit (tx, &error))
    {
      sillon_person_page_show_message (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
erase_person (SillonPersonPage *self, SillonStore *store, GError **error)
{
  return sillon_store_erase_beneficiary (store, self->beneficiary_id, error);
}

static void
on_erase_response (SillonPersonPage *self, int response)
{
  g_autofree char *details = g_strdup_printf ("{\"beneficiary\":%" G_GINT64_FORMAT "}", self->beneficiary_id);

  if (!erase_journaled (self, response == GTK_RESPONSE_ACCEPT, erase_person, details))
    return;
  sillon_person_page_clear (self);
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
on_erase_button_clicked (SillonPersonPage *self)
{
  /* Translators: %s is a person's name. */
  g_autofree char *text = NULL;

  if (self->dialog != NULL || self->beneficiary_id == 0)
    return;
  text = g_strdup_printf (_ ("Delete %s and everything about them?"), self->display_name);
  track_dialog (self,
                question (self, text,
                          _ ("Their sessions, assessments, consents and referrals are erased from the vault for good. "
                             "This is the right to erasure: it cannot be undone."),
                          _ ("_Delete for Good")),
                G_CALLBACK (on_erase_response));
}

static void
on_edit_response (SillonPersonPage *self, int response)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  SillonPersonEditor *editor = SILLON_PERSON_EDITOR (self->dialog);
  g_autoptr (SillonBeneficiary) b = NULL;
  g_autoptr (GError) error = NULL;

  if (!close_unless_saving (GTK_WIDGET (editor), response == GTK_RESPONSE_OK, store))
    return;
  /* Read again, so that the fields the form does not show stay as stored. */
  b = sillon_store_get_beneficiary (store, self->beneficiary_id, &error);
  if (b == NULL || !sillon_person_editor_apply (editor, b, &error) ||
      !sillon_store_update_beneficiary (store, b, &error))
    {
      sillon_person_editor_show_error (editor, error->message);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (editor));
  reload_and_say (self, _ ("Changes saved."));
}

static void
on_edit_button_clicked (SillonPersonPage *self)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonBeneficiary) b = NULL;
  g_autoptr (GError) error = NULL;

  if (self->dialog != NULL || store == NULL || self->beneficiary_id == 0)
    return;
  b = sillon_store_get_beneficiary (store, self->beneficiary_id, &error);
  if (b == NULL)
    {
      sillon_person_page_show_message (self, error->message);
      return;
    }
  track_dialog (self, GTK_WIDGET (sillon_person_editor_new (sillon_widget_get_window (GTK_WIDGET (self)), b)),
                G_CALLBACK (on_edit_response));
}

/* The merge erases the other record: journaled as an erasure. */
static gboolean
merge_duplicate (SillonPersonPage *self, SillonStore *store, GError **error)
{
  return sillon_store_merge_beneficiaries (store, self->beneficiary_id, self->duplicate_id, error);
}

static void
on_merge_response (SillonPersonPage *self, int response)
{
  g_autofree char *details = g_strdup_printf ("{\"beneficiary\":%" G_GINT64_FORMAT ",\"merged_into\":%" G_GINT64_FORMAT "}",
                                              self->duplicate_id, self->beneficiary_id);

  if (erase_journaled (self, response == GTK_RESPONSE_ACCEPT && self->duplicate_id != 0, merge_duplicate, details))
    reload_and_say (self, _ ("Merged: one person, one story."));
}

static void
on_merge_button_clicked (SillonPersonPage *self)
{
  if (self->dialog != NULL || self->duplicate_id == 0)
    return;
  track_dialog (self,
                question (self, _ ("Merge the two records?"),
                          _ ("The other record’s sessions, assessments, consents and referrals move to this person, "
                             "its details fill the empty ones here, and then it is erased. This cannot be undone."),
                          _ ("_Merge")),
                G_CALLBACK (on_merge_response));
}

/* ── Referrals ─────────────────────────────────────────────────────────── */

static void queue_sheet (SillonPersonPage *self, SillonSheetKind kind, gint64 referral_id, gboolean save);

static void
on_refer_response (SillonPersonPage *self, int response)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  SillonReferralDialog *dialog = SILLON_REFERRAL_DIALOG (self->dialog);
  g_autoptr (SillonReferral) r = NULL;
  g_autoptr (GError) error = NULL;

  if (!close_unless_saving (GTK_WIDGET (dialog),
                            response == GTK_RESPONSE_OK || response == SILLON_REFERRAL_DIALOG_RESPONSE_PRINT ||
                                response == SILLON_REFERRAL_DIALOG_RESPONSE_SAVE_PDF,
                            store))
    return;
  r = sillon_referral_dialog_get_referral (dialog, &error);
  if (r == NULL || !sillon_store_insert_referral (store, r, &error))
    {
      sillon_referral_dialog_show_error (dialog, error->message);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (dialog));
  reload_and_say (self, _ ("Referral saved."));
  if (response != GTK_RESPONSE_OK)
    queue_sheet (self, SILLON_SHEET_REFERRAL, r->id, response == SILLON_REFERRAL_DIALOG_RESPONSE_SAVE_PDF);
}

/* The referral dialog, its kind of structure already @destination (a
 * StructureDeRedirection value, NULL: not said) when session @session_id
 * (0: made from the person page) said it. */
static void
open_referral_dialog (SillonPersonPage *self, const char *destination, gint64 session_id)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonBeneficiary) b = NULL;
  g_autoptr (GError) error = NULL;
  SillonReferralDialog *dialog;

  if (self->dialog != NULL || store == NULL || self->beneficiary_id == 0)
    return;
  /* The commune as stored now: the nearest places come first. */
  b = sillon_store_get_beneficiary (store, self->beneficiary_id, &error);
  if (b == NULL)
    {
      sillon_person_page_show_message (self, error->message);
      return;
    }
  dialog = sillon_referral_dialog_new (sillon_widget_get_window (GTK_WIDGET (self)), sillon_page_get_session (SILLON_PAGE (self)),
                                       self->beneficiary_id, b->commune_insee);
  if (destination != NULL)
    sillon_referral_dialog_set_destination (dialog, destination);
  sillon_referral_dialog_set_session_id (dialog, session_id);
  track_dialog (self, GTK_WIDGET (dialog), G_CALLBACK (on_refer_response));
}

static void
on_refer_activated (GSimpleAction *action,
                    GVariant *parameter,
                    gpointer user_data)
{
  open_referral_dialog (user_data, NULL, 0);
}

static void
on_referral_status_response (SillonPersonPage *self, int response)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  SillonReferralStatusDialog *dialog = SILLON_REFERRAL_STATUS_DIALOG (self->dialog);

  if (response == GTK_RESPONSE_OK && store != NULL && !sillon_referral_status_dialog_save (dialog, store))
    return;
  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response == GTK_RESPONSE_OK && store != NULL)
    after_change (self, _ ("Referral follow-up saved."), UNDO_NONE, NULL);
}

/* A referral's row in the story: record what became of it. */
static void
on_timeline_open_referral (SillonPersonPage *self, gint64 id)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonReferral) r = NULL;
  g_autoptr (SillonPlaceRecord) place = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;

  if (self->dialog != NULL || store == NULL)
    return;
  r = sillon_store_get_referral (store, id, &error);
  if (r != NULL && r->place_id != 0)
    place = sillon_store_get_place (store, r->place_id, &error);
  if (r == NULL || (r->place_id != 0 && place == NULL))
    {
      sillon_person_page_show_message (self, error->message);
      return;
    }
  summary = sillon_referral_describe (self->display_name, place != NULL ? place->values[SILLON_PLACE_COL_NOM] : NULL,
                                      place != NULL ? place->values[SILLON_PLACE_COL_COMMUNE] : NULL, r->date);
  track_dialog (self, GTK_WIDGET (sillon_referral_status_dialog_new (sillon_widget_get_window (GTK_WIDGET (self)), id, summary, r->status)),
                G_CALLBACK (on_referral_status_response));
}

/* ── Actions ────────────────────────────────────────────────────────────── */

/* person.back: the back button's action, and Alt+Left's (an accelerator
 * of the application's that applies while the focus is in the page). */
static void
on_back_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_BACK], 0);
}

static void
on_log_session_activated (GSimpleAction *action,
                          GVariant *parameter,
                          gpointer user_data)
{
  sillon_person_page_log_session (user_data);
}

/* person.undo: Ctrl+Z while the toast offers Undo. */
static void
on_undo_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  SillonPersonPage *self = user_data;

  if (sillon_toast_is_shown (self->toast))
    undo (self);
}

static void
on_new_assessment_button_clicked (SillonPersonPage *self)
{
  g_signal_emit (self, signals[SIGNAL_NEW_ASSESSMENT], 0);
}

static void
on_toast_dismissed (SillonPersonPage *self)
{
  forget_undo (self);
}

static void
sillon_person_page_switch_to (SillonPage *page)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (page);

  gtk_widget_grab_focus (self->log_session_button);
}

/* The open form whose OK button saves something the mediator typed (a
 * session, consent, referral, its outcome, the person's identity); NULL
 * when none is open. Question dialogs (erase, merge) are not forms. */
static GtkWidget *
open_form (SillonPersonPage *self)
{
  if (self->editor != NULL)
    return self->editor;
  if (self->dialog != NULL &&
      (SILLON_IS_CONSENT_DIALOG (self->dialog) || SILLON_IS_REFERRAL_DIALOG (self->dialog) ||
       SILLON_IS_REFERRAL_STATUS_DIALOG (self->dialog) || SILLON_IS_PERSON_EDITOR (self->dialog)))
    return self->dialog;
  return NULL;
}

static void
sillon_person_page_locked (SillonPage *page)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (page);

  /* The session or referral form goes with the lock, not what was typed
   * in it: it opens again as it was when the mediator comes back to the
   * person. Another form (consent, identity…) is not kept: the mediator
   * is told when coming back to the person. */
  g_clear_pointer (&self->draft, sillon_session_free);
  g_clear_pointer (&self->referral_draft, sillon_referral_free);
  g_clear_pointer (&self->kept_form, g_free);
  g_clear_pointer (&self->lost_form, g_free);
  if (self->editor != NULL || (self->dialog != NULL && SILLON_IS_REFERRAL_DIALOG (self->dialog)))
    self->kept_form = g_strdup (gtk_window_get_title (GTK_WINDOW (open_form (self))));
  if (self->editor != NULL)
    self->draft = sillon_session_editor_get_draft (SILLON_SESSION_EDITOR (self->editor));
  else if (self->dialog != NULL && SILLON_IS_REFERRAL_DIALOG (self->dialog))
    self->referral_draft = sillon_referral_dialog_get_draft (SILLON_REFERRAL_DIALOG (self->dialog));
  else if (open_form (self) != NULL)
    {
      self->lost_form = g_strdup (gtk_window_get_title (GTK_WINDOW (open_form (self))));
      self->lost_form_person = self->beneficiary_id;
    }
  sillon_person_page_clear (self);
}

/* ── Leaving with a form open ──────────────────────────────────────────── */

static void
on_leave_question_response (GtkDialog *question,
                            int response,
                            gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SillonPersonPage *self = g_task_get_source_object (task);
  GtkWidget *form = open_form (self);
  gboolean leave = FALSE;

  gtk_widget_destroy (GTK_WIDGET (question));
  if (response == SILLON_LEAVE_QUESTION_DISCARD)
    {
      /* Discarded: the form, or the one the lock closed. */
      if (form != NULL)
        gtk_widget_destroy (form);
      g_clear_pointer (&self->draft, sillon_session_free);
      g_clear_pointer (&self->referral_draft, sillon_referral_free);
      g_clear_pointer (&self->kept_form, g_free);
      leave = TRUE;
    }
  else if (response == SILLON_LEAVE_QUESTION_SAVE && form != NULL)
    {
      /* The form's own OK: it saves and closes, or says what is wrong
       * and stays open, and so does the window. */
      gtk_dialog_response (GTK_DIALOG (form), GTK_RESPONSE_OK);
      leave = open_form (self) != form;
      if (!leave)
        gtk_window_present (GTK_WINDOW (form));
    }
  g_task_return_boolean (task, leave);
}

static void
sillon_person_page_ask_leave_async (SillonPage *page,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (page);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  GtkWidget *form = open_form (self);
  GtkWidget *question;

  g_task_set_source_tag (task, sillon_person_page_ask_leave_async);
  if (form == NULL && self->draft == NULL && self->referral_draft == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (sillon_page_return_if_asking (task, self->leave_question))
    return;
  /* The form the lock closed waits in memory for the person's page: it
   * cannot be saved from here. */
  if (form != NULL)
    question = sillon_leave_question_new_for_form (GTK_WIDGET (self), gtk_window_get_title (GTK_WINDOW (form)));
  else
    {
      /* Translators: %s is the title of a form (“Log a Session”, “New Referral”…). */
      g_autofree char *detail = g_strdup_printf (_ ("“%s” was open when the vault locked. It opens again when you come "
                                                    "back to the person; if you quit now, what you entered in it is lost."),
                                                 self->kept_form != NULL ? self->kept_form : "");

      question = sillon_leave_question_new (GTK_WIDGET (self), _ ("Quit and discard the form the lock closed?"), detail,
                                            _ ("_Discard and Quit"), FALSE);
    }
  self->leave_question = question;
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &self->leave_question);
  g_signal_connect (question, "response", G_CALLBACK (on_leave_question_response), g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (question));
}

static void
sillon_person_page_dispose (GObject *object)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (object);

  if (self->editor != NULL)
    gtk_widget_destroy (self->editor);
  if (self->viewer != NULL)
    gtk_widget_destroy (self->viewer);
  if (self->dialog != NULL)
    gtk_widget_destroy (self->dialog);
  if (self->leave_question != NULL)
    gtk_widget_destroy (self->leave_question);
  g_clear_object (&self->registry);
  G_OBJECT_CLASS (sillon_person_page_parent_class)->dispose (object);
}

typedef struct
{
  SillonPersonPage *page; /* a reference */
  SillonSheetKind kind;
  gint64 referral_id; /* a referral sheet's, 0: the latest */
  gboolean save;
} SheetJob;

static void
sheet_job_free (SheetJob *job)
{
  g_object_unref (job->page);
  g_free (job);
}

/* The print dialog or the file chooser has answered. The sheet is made,
 * or the user cancelled, or the message says why nothing was made. */
static void
on_sheet_made (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SillonPersonPage) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean done;

  if (g_task_get_source_tag (G_TASK (result)) == sillon_print_operation_save_sheet_async)
    done = sillon_print_operation_save_sheet_finish (result, NULL, &error);
  else
    done = sillon_print_operation_print_sheet_finish (result, NULL, &error);
  /* Locked meanwhile: the page has been cleared, and says nothing more. */
  if (!done && sillon_page_get_session (SILLON_PAGE (self)) != NULL)
    {
      /* Translators: %s says why, e.g. “This person has no referral.” */
      g_autofree char *message = g_strdup_printf (_ ("The sheet was not made: %s"), error->message);
      sillon_person_page_show_message (self, message);
    }
}

/* Makes the sheet: the print dialog or the file chooser, neither of which
 * blocks: the window keeps drawing, and the idle lock keeps counting. The
 * page prints itself, on its own session: printing shows no other page,
 * so the window, which only navigates, has no part in it. The sheet is in
 * the person's language, whatever the application's. */
static gboolean
make_sheet (gpointer data)
{
  SheetJob *job = data;
  SillonPersonPage *self = job->page;
  SillonVaultSession *session = sillon_page_get_session (SILLON_PAGE (self));
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL;
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;

  /* Locked, or another person shown, since the menu was used. */
  if (session == NULL || self->beneficiary_id == 0)
    return G_SOURCE_REMOVE;
  request.kind = job->kind;
  request.person_id = self->beneficiary_id;
  request.referral_id = job->referral_id;
  if (job->save)
    sillon_print_operation_save_sheet_async (parent, session, &request, NULL, on_sheet_made, g_object_ref (self));
  else
    sillon_print_operation_print_sheet_async (parent, session, &request, NULL, on_sheet_made, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* person.print and person.save-pdf, with the sheet's kind as target. The
 * dialogs are opened from an idle callback, not from the action itself, so
 * that whoever activated it (a menu, or a screen reader through AT-SPI,
 * which waits for the action's reply) is answered before the sheet is laid
 * out, which takes a moment for a long record. */
static void
on_sheet_activated (GSimpleAction *action,
                    GVariant *parameter,
                    gpointer user_data)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (user_data);
  SillonSheetKind kind;

  if (self->beneficiary_id == 0 || !sillon_sheet_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  queue_sheet (self, kind, 0, g_str_equal (g_action_get_name (G_ACTION (action)), "save-pdf"));
}

static void
queue_sheet (SillonPersonPage *self, SillonSheetKind kind, gint64 referral_id, gboolean save)
{
  SheetJob *job = g_new0 (SheetJob, 1);

  sillon_person_page_show_message (self, NULL);
  job->page = g_object_ref (self);
  job->kind = kind;
  job->referral_id = referral_id;
  job->save = save;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, make_sheet, job, (GDestroyNotify) sheet_job_free);
}

static const GActionEntry person_actions[] = {
  { "back", on_back_activated, NULL, NULL, NULL, { 0 } },
  { "log-session", on_log_session_activated, NULL, NULL, NULL, { 0 } },
  { "undo", on_undo_activated, NULL, NULL, NULL, { 0 } },
  { "print", on_sheet_activated, "s", NULL, NULL, { 0 } },
  { "save-pdf", on_sheet_activated, "s", NULL, NULL, { 0 } },
  { "refer", on_refer_activated, NULL, NULL, NULL, { 0 } },
};

static void
sillon_person_page_finalize (GObject *object)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (object);

  forget_undo (self);
  g_array_unref (self->undo_referrals);
  g_clear_pointer (&self->draft, sillon_session_free);
  g_clear_pointer (&self->referral_draft, sillon_referral_free);
  g_free (self->kept_form);
  g_free (self->lost_form);
  g_free (self->display_name);
  G_OBJECT_CLASS (sillon_person_page_parent_class)->finalize (object);
}

static void
sillon_person_page_class_init (SillonPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_person_page_dispose;
  object_class->finalize = sillon_person_page_finalize;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_person_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_person_page_locked;
  SILLON_PAGE_CLASS (klass)->ask_leave_async = sillon_person_page_ask_leave_async;

  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_NEW_ASSESSMENT] = g_signal_new ("new-assessment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SILLON_TYPE_TIMELINE);
  g_type_ensure (SILLON_TYPE_TOAST);
  g_type_ensure (SILLON_TYPE_PARCOURS_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, log_session_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, new_assessment_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, duplicate_box);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, consent_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, consent_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, story_scroller);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, story_box);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, parcours_section);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, toast);
  gtk_widget_class_bind_template_callback (widget_class, on_new_assessment_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_edit_session);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_delete_session);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_open_assessment);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_open_referral);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_show_more);
  gtk_widget_class_bind_template_callback (widget_class, on_toast_undo);
  gtk_widget_class_bind_template_callback (widget_class, on_consent_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_erase_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_toast_dismissed);
}

static void
sillon_person_page_init (SillonPersonPage *self)
{
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();

  self->undo_referrals = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Moving through the parcours and the story with the keyboard brings
   * the focused row into view. */
  gtk_container_set_focus_vadjustment (self->story_box, gtk_scrolled_window_get_vadjustment (self->story_scroller));
  g_action_map_add_action_entries (G_ACTION_MAP (actions), person_actions, G_N_ELEMENTS (person_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "person", G_ACTION_GROUP (actions));
}
