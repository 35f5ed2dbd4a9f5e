/* sillon-assessment-viewer.c — a saved assessment, read only, compared with another
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The result page of the wizard (SillonAssessmentSummary) shows the saved
 * assessment as it was decided; above it, any other assessment of the
 * person can be chosen to see what moved, as `sillon-cli assess compare
 * --person` does: the older one is always "before".
 */

#include "config.h"

#include "sillon-assessment-viewer.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sillon-assessment-summary.h"
#include "sillon-assessment.h"
#include "sillon-date-entry.h"
#include "sillon-dialog-size.h"
#include "sillon-widget-util.h"

#define NONE_ID "-"

struct _SillonAssessmentViewer
{
  GtkDialog parent_instance;

  GPtrArray *assessments; /* SillonAssessment*, in the order of the records */
  GArray *ids;            /* their record ids */
  guint shown;            /* index of the one shown */

  GtkComboBoxText *compare_combo;
  GtkWidget *comparison_scroller;
  GtkLabel *comparison_label;
  SillonAssessmentSummary *summary;
};

G_DEFINE_FINAL_TYPE (SillonAssessmentViewer, sillon_assessment_viewer, GTK_TYPE_DIALOG)

static const char *
skill_name (SillonAssessment *assessment, const char *id)
{
  const SillonQuestionnaireItem *item = sillon_questionnaire_lookup_item (sillon_assessment_get_questionnaire (assessment), id);

  return item != NULL ? sillon_questionnaire_item_get_question (item) : id;
}

static void
append_skills (GString *text, SillonAssessment *assessment, const char *heading, const char *const *ids)
{
  g_string_append_printf (text, "\n%s", heading);
  if (ids == NULL || ids[0] == NULL)
    /* Translators: no skill moved in this direction. */
    g_string_append_printf (text, "\n  %s", _ ("none"));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_string_append_printf (text, "\n  • %s", skill_name (assessment, ids[i]));
}

static void
on_compare_combo_changed (SillonAssessmentViewer *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->compare_combo));
  g_autoptr (SillonAssessmentComparison) comparison = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *before_date = NULL;
  g_autofree char *after_date = NULL;
  SillonAssessment *before, *after;
  guint other;

  if (id == NULL || g_str_equal (id, NONE_ID))
    {
      gtk_widget_hide (self->comparison_scroller);
      gtk_label_set_text (self->comparison_label, "");
      return;
    }
  other = (guint) g_ascii_strtoull (id, NULL, 10);
  g_return_if_fail (other < self->assessments->len);
  /* The records are oldest first: the earlier index is "before". */
  before = self->assessments->pdata[MIN (other, self->shown)];
  after = self->assessments->pdata[MAX (other, self->shown)];
  comparison = sillon_assessment_compare (before, after);
  before_date = sillon_date_format (sillon_assessment_get_date (before) != NULL ? sillon_assessment_get_date (before) : "");
  after_date = sillon_date_format (sillon_assessment_get_date (after) != NULL ? sillon_assessment_get_date (after) : "");
  /* Translators: the two dates of a comparison, the older first. */
  g_string_append_printf (text, _ ("From %1$s to %2$s, on the questions answered both times:"), before_date, after_date);
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      guint from = 0, to = 0, n_common = 0;
      gint delta = 0;

      if (sillon_assessment_comparison_get_axis (comparison, axis, &from, &to, &delta, &n_common))
        /* Translators: an axis, its score before and after (out of 100), the change, and on how many questions. */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "\n%1$s: %2$u → %3$u (%4$+d), on %5$u question", "\n%1$s: %2$u → %3$u (%4$+d), on %5$u questions", n_common),
                                sillon_axis_get_label (axis), from, to, delta, n_common);
      else
        /* Translators: an axis that cannot be compared. */
        g_string_append_printf (text, _ ("\n%s: no question answered both times"), sillon_axis_get_label (axis));
    }
  append_skills (text, after, _ ("Skills that moved up:"), sillon_assessment_comparison_get_skills_up (comparison));
  append_skills (text, after, _ ("Skills that moved down:"), sillon_assessment_comparison_get_skills_down (comparison));
  gtk_label_set_text (self->comparison_label, text->str);
  gtk_widget_show (self->comparison_scroller);
}

static SillonAssessment *
load_record (const SillonAssessmentRecord *record, SillonQuestionnaireRegistry *registry, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (record->answers_json, strlen (record->answers_json));
  g_autoptr (SillonAssessment) assessment = sillon_assessment_new_from_bytes (bytes, registry, error);

  if (assessment == NULL)
    return NULL;
  /* The row's date is the one the store sorts on; answer sets saved
   * without their own date take it. */
  if (sillon_assessment_get_date (assessment) == NULL && record->date != NULL &&
      !sillon_assessment_set_date (assessment, record->date, error))
    return NULL;
  return g_steal_pointer (&assessment);
}

SillonAssessmentViewer *
sillon_assessment_viewer_new (GtkWindow *parent,
                              GPtrArray *records,
                              gint64 shown_id,
                              SillonQuestionnaireRegistry *registry,
                              GError **error)
{
  SillonAssessmentViewer *self;
  g_autoptr (SillonOrientationRules) rules = NULL;
  g_autofree char *title = NULL;
  const SillonAssessmentRecord *shown = NULL;

  g_return_val_if_fail (records != NULL, NULL);

  /* A toplevel belongs to GTK until destroyed: every failure destroys it. */
  self = g_object_new (SILLON_TYPE_ASSESSMENT_VIEWER, "use-header-bar", TRUE, "transient-for", parent, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      const SillonAssessmentRecord *record = records->pdata[i];
      SillonAssessment *assessment = load_record (record, registry, error);

      if (assessment == NULL)
        {
          gtk_widget_destroy (GTK_WIDGET (self));
          return NULL;
        }
      g_ptr_array_add (self->assessments, assessment);
      g_array_append_val (self->ids, record->id);
      if (record->id == shown_id)
        {
          shown = record;
          self->shown = i;
        }
    }
  if (shown == NULL)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND,
                   _ ("This assessment is no longer in the vault."));
      gtk_widget_destroy (GTK_WIDGET (self));
      return NULL;
    }
  rules = sillon_orientation_rules_load (registry, sillon_orientation_rules_latest_version (), error);
  if (rules == NULL ||
      !sillon_assessment_summary_show_saved (self->summary, self->assessments->pdata[self->shown],
                                             sillon_assessment_get_questionnaire (self->assessments->pdata[self->shown]),
                                             rules, error))
    {
      gtk_widget_destroy (GTK_WIDGET (self));
      return NULL;
    }

  {
    g_autofree char *date = sillon_date_format (shown->date);

    /* Translators: %s is the date of an assessment. */
    title = g_strdup_printf (_ ("Assessment on %s"), date);
    gtk_window_set_title (GTK_WINDOW (self), title);
  }

  gtk_combo_box_text_append (self->compare_combo, NONE_ID, _ ("No other assessment"));
  /* Newest first, as in the person's story. */
  for (guint i = records->len; i > 0; i--)
    {
      const SillonAssessmentRecord *record = records->pdata[i - 1];
      g_autofree char *id = NULL;
      g_autofree char *date = NULL;

      if (i - 1 == self->shown)
        continue;
      id = g_strdup_printf ("%u", i - 1);
      date = sillon_date_format (record->date);
      /* Translators: another assessment to compare with, by its date. */
      {
        g_autofree char *label = g_strdup_printf (_ ("The assessment of %s"), date);

        gtk_combo_box_text_append (self->compare_combo, id, label);
      }
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->compare_combo), 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_combo), records->len > 1);

  sillon_dialog_set_default_size_within_screen (GTK_WINDOW (self), parent, 900, 720);
  return self;
}

static void
sillon_assessment_viewer_finalize (GObject *object)
{
  SillonAssessmentViewer *self = SILLON_ASSESSMENT_VIEWER (object);

  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  G_OBJECT_CLASS (sillon_assessment_viewer_parent_class)->finalize (object);
}

static void
sillon_assessment_viewer_class_init (SillonAssessmentViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sillon_assessment_viewer_finalize;

  g_type_ensure (SILLON_TYPE_ASSESSMENT_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-assessment-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentViewer, compare_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentViewer, comparison_scroller);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentViewer, comparison_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentViewer, summary);
  gtk_widget_class_bind_template_callback (widget_class, on_compare_combo_changed);
}

static void
sillon_assessment_viewer_init (SillonAssessmentViewer *self)
{
  self->assessments = g_ptr_array_new_with_free_func (g_object_unref);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->compare_combo), _ ("Compare with"));
}
