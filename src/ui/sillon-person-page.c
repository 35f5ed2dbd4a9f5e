/* sillon-person-page.c — one person and their assessments
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-person-page.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sillon-assessment.h"
#include "sillon-message-label.h"
#include "sillon-people-page.h"
#include "sillon-print-operation.h"

struct _SillonPersonPage
{
  SillonPage parent_instance;

  gint64 beneficiary_id;
  char *display_name;

  GtkLabel *name_label;
  GtkLabel *details_label;
  GtkWidget *new_assessment_button;
  GtkLabel *message_label;
  GtkListBox *assessments_list;
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

/* The stored result is read back as saved, so that an old assessment shows
 * what was computed (and decided) on the day. */
static char *
summarise_result (const SillonAssessmentRecord *record,
                  char **out_degree)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) scores = g_string_new (NULL);
  JsonObject *root, *axes, *degree;
  SillonDegree id = SILLON_DEGREE_NONE;

  *out_degree = NULL;
  if (!json_parser_load_from_data (parser, record->result_json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return g_strdup (_ ("The stored result cannot be read."));
  root = json_node_get_object (json_parser_get_root (parser));

  axes = json_object_has_member (root, "axes") ? json_object_get_object_member (root, "axes") : NULL;
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      JsonObject *entry = axes != NULL && json_object_has_member (axes, sillon_axis_to_id (axis))
                              ? json_object_get_object_member (axes, sillon_axis_to_id (axis))
                              : NULL;
      JsonNode *score = entry != NULL ? json_object_get_member (entry, "score") : NULL;

      if (scores->len > 0)
        g_string_append (scores, " · ");
      if (score != NULL && JSON_NODE_HOLDS_VALUE (score))
        /* Translators: an axis and its score out of 100. */
        g_string_append_printf (scores, _ ("%s: %d/100"), sillon_axis_get_label (axis),
                                (int) json_node_get_int (score));
      else
        /* Translators: an axis without any answer. */
        g_string_append_printf (scores, _ ("%s: no answer"), sillon_axis_get_label (axis));
    }

  degree = json_object_has_member (root, "degree") ? json_object_get_object_member (root, "degree") : NULL;
  if (degree != NULL && sillon_degree_from_id (json_object_get_string_member_with_default (degree, "id", ""), &id))
    {
      gboolean provisional = json_object_get_boolean_member_with_default (degree, "provisional", FALSE);
      gboolean overridden = json_object_get_boolean_member_with_default (degree, "overridden", FALSE);

      if (overridden)
        /* Translators: a degree set by the mediator instead of the computed one. */
        *out_degree = g_strdup_printf (_ ("%s (set by the mediator)"), sillon_degree_get_label (id));
      else if (provisional && id != SILLON_DEGREE_NONE)
        /* Translators: a degree resting on too few answers. */
        *out_degree = g_strdup_printf (_ ("%s (provisional)"), sillon_degree_get_label (id));
      else
        *out_degree = g_strdup (sillon_degree_get_label (id));
    }
  else
    *out_degree = g_strdup (sillon_degree_get_label (SILLON_DEGREE_NONE));
  return g_string_free (g_steal_pointer (&scores), FALSE);
}

static GtkWidget *
assessment_row (const SillonAssessmentRecord *record)
{
  g_autofree char *degree = NULL;
  g_autofree char *scores = summarise_result (record, &degree);
  /* Translators: an assessment's date, then its degree of distance from digital. */
  g_autofree char *title = g_strdup_printf (_ ("%1$s — %2$s"), record->date, degree);
  g_autofree char *spoken = g_strdup_printf ("%s. %s", title, scores);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *scores_label = gtk_label_new (scores);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_style_context_add_class (gtk_widget_get_style_context (title_label), "sillon-person-name");
  gtk_label_set_xalign (GTK_LABEL (scores_label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (scores_label), TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (scores_label), "dim-label");
  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_container_add (GTK_CONTAINER (box), title_label);
  gtk_container_add (GTK_CONTAINER (box), scores_label);
  gtk_container_add (GTK_CONTAINER (row), box);
  atk_object_set_name (gtk_widget_get_accessible (row), spoken);
  gtk_widget_show_all (row);
  return row;
}

static void
clear_list (SillonPersonPage *self)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->assessments_list));

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}

gboolean
sillon_person_page_load (SillonPersonPage *self,
                         gint64 beneficiary_id,
                         GError **error)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonBeneficiary) b = NULL;
  g_autoptr (GPtrArray) assessments = NULL;
  g_autoptr (GString) details = g_string_new (NULL);

  g_return_val_if_fail (SILLON_IS_PERSON_PAGE (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  b = sillon_store_get_beneficiary (store, beneficiary_id, error);
  if (b == NULL)
    return FALSE;
  assessments = sillon_store_list_assessments (store, beneficiary_id, error);
  if (assessments == NULL)
    return FALSE;

  self->beneficiary_id = beneficiary_id;
  g_free (self->display_name);
  self->display_name = sillon_beneficiary_dup_display_name (b);
  gtk_label_set_text (self->name_label, self->display_name);
  sillon_page_set_title (SILLON_PAGE (self), self->display_name);

  if (b->birth_year != 0)
    /* Translators: %d is a birth year. */
    g_string_append_printf (details, _ ("Born in %d"), b->birth_year);
  else
    g_string_append (details, _ ("Birth year unknown"));
  if (b->commune_insee != NULL)
    /* Translators: %s is the INSEE code of a commune. */
    g_string_append_printf (details, _ (" · commune %s"), b->commune_insee);
  gtk_label_set_text (self->details_label, details->str);
  sillon_person_page_show_message (self, NULL);

  clear_list (self);
  /* Latest first: that is the one the mediator came for. */
  for (guint i = assessments->len; i > 0; i--)
    gtk_container_add (GTK_CONTAINER (self->assessments_list), assessment_row (assessments->pdata[i - 1]));
  return TRUE;
}

void
sillon_person_page_clear (SillonPersonPage *self)
{
  g_return_if_fail (SILLON_IS_PERSON_PAGE (self));

  self->beneficiary_id = 0;
  g_clear_pointer (&self->display_name, g_free);
  gtk_label_set_text (self->name_label, "");
  sillon_page_set_title (SILLON_PAGE (self), NULL);
  gtk_label_set_text (self->details_label, "");
  sillon_person_page_show_message (self, NULL);
  clear_list (self);
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
on_new_assessment_button_clicked (SillonPersonPage *self)
{
  g_signal_emit (self, signals[SIGNAL_NEW_ASSESSMENT], 0);
}

static void
sillon_person_page_switch_to (SillonPage *page)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (page);

  gtk_widget_grab_focus (self->new_assessment_button);
}

static void
sillon_person_page_locked (SillonPage *page)
{
  sillon_person_page_clear (SILLON_PERSON_PAGE (page));
}

typedef struct
{
  SillonPersonPage *page; /* a reference */
  SillonSheetKind kind;
  gboolean save;
} SheetJob;

static void
sheet_job_free (SheetJob *job)
{
  g_object_unref (job->page);
  g_free (job);
}

/* Makes the sheet: the print dialog or the file chooser, both modal. The
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
  g_autoptr (GError) error = NULL;
  gboolean done;

  /* Locked, or another person shown, since the menu was used. */
  if (session == NULL || self->beneficiary_id == 0)
    return G_SOURCE_REMOVE;
  request.kind = job->kind;
  request.person_id = self->beneficiary_id;
  if (job->save)
    done = sillon_print_operation_save_sheet (parent, session, &request, &error);
  else
    done = sillon_print_operation_print_sheet (parent, session, &request, &error);
  if (!done)
    {
      /* Translators: %s says why, e.g. “This person has no referral.” */
      g_autofree char *message = g_strdup_printf (_ ("The sheet was not made: %s"), error->message);
      sillon_person_page_show_message (self, message);
    }
  return G_SOURCE_REMOVE;
}

/* person.print and person.save-pdf, with the sheet's kind as target. The
 * dialogs run their own main loop: they are opened from an idle callback,
 * not from the action itself, so that whoever activated it (a menu, or a
 * screen reader through AT-SPI, which waits for the action's reply) is
 * answered first instead of hanging until the dialog closes. */
static void
on_sheet_activated (GSimpleAction *action,
                    GVariant *parameter,
                    gpointer user_data)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (user_data);
  SheetJob *job;
  SillonSheetKind kind;

  if (self->beneficiary_id == 0 || !sillon_sheet_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  sillon_person_page_show_message (self, NULL);
  job = g_new0 (SheetJob, 1);
  job->page = g_object_ref (self);
  job->kind = kind;
  job->save = g_str_equal (g_action_get_name (G_ACTION (action)), "save-pdf");
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, make_sheet, job, (GDestroyNotify) sheet_job_free);
}

static const GActionEntry person_actions[] = {
  { "back", on_back_activated, NULL, NULL, NULL, { 0 } },
  { "print", on_sheet_activated, "s", NULL, NULL, { 0 } },
  { "save-pdf", on_sheet_activated, "s", NULL, NULL, { 0 } },
};

static void
sillon_person_page_finalize (GObject *object)
{
  SillonPersonPage *self = SILLON_PERSON_PAGE (object);

  g_free (self->display_name);
  G_OBJECT_CLASS (sillon_person_page_parent_class)->finalize (object);
}

static void
sillon_person_page_class_init (SillonPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sillon_person_page_finalize;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_person_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_person_page_locked;

  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_NEW_ASSESSMENT] = g_signal_new ("new-assessment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, new_assessment_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonPage, assessments_list);
  gtk_widget_class_bind_template_callback (widget_class, on_new_assessment_button_clicked);
}

static void
sillon_person_page_init (SillonPersonPage *self)
{
  g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (actions), person_actions, G_N_ELEMENTS (person_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "person", G_ACTION_GROUP (actions));
}
