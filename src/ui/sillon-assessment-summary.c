/* sillon-assessment-summary.c — an assessment's result and the mediator's decision
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The result page of the wizard: what the answers give (scores, degree,
 * skills by area, suggested orientations), what that rests on, and what the
 * mediator decides instead (another degree, a suggestion unticked, an
 * orientation added), with the reason that is kept with the assessment.
 * The decision stays in the widgets until the wizard saves.
 */

#include "config.h"

#include "sillon-assessment-summary.h"

#include <glib/gi18n.h>

#include "sillon-message-label.h"
#include "sillon-quick-assessment.h"
#include "sillon-score-chart.h"
#include "sillon-widget-util.h"

struct _SillonAssessmentSummary
{
  GtkBox parent_instance;

  SillonAssessment *assessment; /* the wizard's: overrides are set on it */
  SillonQuestionnaire *questionnaire;
  SillonOrientationRules *rules;
  SillonAssessmentResult *result; /* as computed, without overrides */
  GPtrArray *orientation_checks;
  GPtrArray *added_orientations; /* ids the mediator added, not suggested */

  GtkScrolledWindow *summary_scroller;
  GtkContainer *summary_box;
  GtkLabel *summary_title;
  GtkLabel *basis_label;
  SillonScoreChart *chart;
  GtkLabel *degree_label;
  GtkLabel *degree_definition;
  GtkLabel *provisional_label;
  GtkGrid *areas_grid;
  GtkToggleButton *urgent_check;
  GtkBox *orientations_box;
  GtkWidget *add_orientation_box;
  GtkComboBoxText *add_orientation_combo;
  GtkComboBoxText *degree_combo;
  GtkWidget *save_button;
  GtkEntry *reason_entry;
  GtkLabel *summary_message;
  GtkWidget *decision_hint;
  GtkWidget *decision_heading;
  GtkWidget *decision_grid;
  GtkWidget *buttons_box;
};

G_DEFINE_FINAL_TYPE (SillonAssessmentSummary, sillon_assessment_summary, GTK_TYPE_BOX)

static const char *
degree_definition (SillonDegree degree)
{
  switch (degree)
    {
      case SILLON_DEGREE_TRES_ELOIGNE:
        return _ ("Skills score below 25: the person cannot yet use digital services, even with help. Start from the basics, and do things with them when a procedure cannot wait.");
      case SILLON_DEGREE_ELOIGNE:
        return _ ("Skills score from 25 to 49, or the means of access are missing (access score below 40): the person can do a few things with help.");
      case SILLON_DEGREE_EN_PROGRESSION:
        return _ ("Skills score from 50 to 79, or the means of access are limited (access score below 70): the person manages several procedures, some with difficulty.");
      case SILLON_DEGREE_AUTONOME:
        return _ ("Skills score of 80 or more, with the means of access: the person uses digital services alone.");
      case SILLON_DEGREE_NONE:
      default:
        return _ ("No skills question was answered, so the distance from digital cannot be determined.");
    }
}

static void on_urgent_check_toggled (SillonAssessmentSummary *self);

static GtkWidget *
grid_label (const char *text,
            const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  if (style_class != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), style_class);
  gtk_widget_show (label);
  return label;
}

static void
fill_areas (SillonAssessmentSummary *self)
{
  int row = 0;

  sillon_container_destroy_children (GTK_CONTAINER (self->areas_grid));
  for (guint area = SILLON_AREA_INFORMATION; area < SILLON_AREA_COUNT; area++)
    {
      guint score, answered = 0, total = 0;
      g_autofree char *value = NULL;
      g_autofree char *heading = NULL;
      g_autoptr (GString) skills = g_string_new (NULL);
      GtkWidget *label;

      for (guint i = 0; i < sillon_questionnaire_get_n_items (self->questionnaire); i++)
        {
          const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (self->questionnaire, i);
          int level;

          if (sillon_questionnaire_item_get_area (item) != area)
            continue;
          total++;
          level = sillon_assessment_result_get_skill_level (self->result, sillon_questionnaire_item_get_id (item));
          if (level < 0)
            continue;
          answered++;
          if (skills->len > 0)
            g_string_append_c (skills, '\n');
          /* Translators: a skill (its question) and the level reached. */
          g_string_append_printf (skills, _ ("%s — %s"), sillon_questionnaire_item_get_question (item),
                                  sillon_questionnaire_item_lookup_label (item, (guint) level));
        }

      if (sillon_assessment_result_get_area_score (self->result, area, &score))
        /* Translators: an area's score, then how many of its skills were answered. */
        value = g_strdup_printf (ngettext ("%u / 100 (%u of %u skill)", "%u / 100 (%u of %u skills)", total),
                                 score, answered, total);
      else
        value = g_strdup (_ ("no answer"));

      /* Translators: a competence area and its score, e.g. "Information and data: 67 / 100 (2 of 2 skills)". */
      heading = g_markup_printf_escaped (_ ("<b>%s</b>: %s"), sillon_area_get_label (area), value);
      label = grid_label (heading, answered == 0 ? "dim-label" : NULL);
      gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
      gtk_grid_attach (self->areas_grid, label, 0, row++, 1, 1);
      if (skills->len > 0)
        {
          label = grid_label (skills->str, "sillon-skill-list");
          gtk_widget_set_margin_start (label, 18);
          gtk_widget_set_margin_bottom (label, 4);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 90);
          gtk_grid_attach (self->areas_grid, label, 0, row++, 1, 1);
        }
    }
}

static gboolean
is_suggested (SillonAssessmentSummary *self,
              const char *id)
{
  const char *const *ids = sillon_assessment_result_get_orientations (self->result);

  return ids != NULL && g_strv_contains (ids, id);
}

static gboolean
is_added (SillonAssessmentSummary *self,
          const char *id)
{
  for (guint i = 0; i < self->added_orientations->len; i++)
    if (g_str_equal (self->added_orientations->pdata[i], id))
      return TRUE;
  return FALSE;
}

static GtkWidget *
orientation_check (SillonAssessmentSummary *self,
                   const char *id,
                   const char *text,
                   gboolean added,
                   gboolean active)
{
  GtkWidget *check = gtk_check_button_new_with_label (text);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), active);
  g_object_set_data_full (G_OBJECT (check), "orientation-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (check), "orientation-added", GINT_TO_POINTER (added));
  /* Long labels must wrap inside the page rather than widen it. */
  gtk_label_set_line_wrap (GTK_LABEL (gtk_bin_get_child (GTK_BIN (check))), TRUE);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (gtk_widget_hide), self->summary_message);
  gtk_widget_show (check);
  gtk_box_pack_start (self->orientations_box, check, FALSE, FALSE, 0);
  g_ptr_array_add (self->orientation_checks, check);
  return check;
}

/* Orientations of the rules that are neither suggested nor already added. */
static void
fill_add_orientation_combo (SillonAssessmentSummary *self)
{
  guint n = 0;

  gtk_combo_box_text_remove_all (self->add_orientation_combo);
  for (guint i = 0; i < sillon_orientation_rules_get_n_orientations (self->rules); i++)
    {
      const char *id = sillon_orientation_rules_get_orientation_id (self->rules, i);
      const char *label;

      if (id == NULL || is_suggested (self, id) || is_added (self, id))
        continue;
      label = sillon_orientation_rules_get_orientation_label (self->rules, id);
      gtk_combo_box_text_append (self->add_orientation_combo, id, label != NULL ? label : id);
      n++;
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->add_orientation_combo), n > 0 ? 0 : -1);
  gtk_widget_set_sensitive (self->add_orientation_box, n > 0);
}

static void
fill_orientations (SillonAssessmentSummary *self)
{
  g_autoptr (GHashTable) unticked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *const *ids = sillon_assessment_result_get_orientations (self->result);
  guint n_suggested = 0;

  /* The list is built again when the urgency changes the suggestions or
   * an orientation is added: what the mediator unticked stays unticked. */
  for (guint i = 0; i < self->orientation_checks->len; i++)
    {
      GObject *check = self->orientation_checks->pdata[i];

      if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (check)))
        g_hash_table_add (unticked, g_strdup (g_object_get_data (check, "orientation-id")));
    }

  sillon_container_destroy_children (GTK_CONTAINER (self->orientations_box));
  g_ptr_array_set_size (self->orientation_checks, 0);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      const char *label = sillon_orientation_rules_get_orientation_label (self->rules, ids[i]);

      orientation_check (self, ids[i], label != NULL ? label : ids[i], FALSE, !g_hash_table_contains (unticked, ids[i]));
      n_suggested++;
    }
  if (n_suggested == 0)
    gtk_box_pack_start (self->orientations_box,
                        grid_label (_ ("No suggestion from these answers."), "dim-label"), FALSE, FALSE, 0);

  for (guint i = 0; i < self->added_orientations->len;)
    {
      const char *id = self->added_orientations->pdata[i];
      const char *label = sillon_orientation_rules_get_orientation_label (self->rules, id);
      g_autofree char *text = NULL;

      /* Now suggested by the rules themselves: adding it would say nothing. */
      if (is_suggested (self, id))
        {
          g_ptr_array_remove_index (self->added_orientations, i);
          continue;
        }
      /* Translators: an orientation the rules did not suggest, added by the mediator. */
      text = g_strdup_printf (_ ("%s — added by you"), label != NULL ? label : id);
      orientation_check (self, id, text, TRUE, !g_hash_table_contains (unticked, id));
      i++;
    }
  fill_add_orientation_combo (self);
}

static void
on_add_orientation_button_clicked (SillonAssessmentSummary *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->add_orientation_combo));
  GtkWidget *check;

  if (id == NULL || self->result == NULL || is_suggested (self, id) || is_added (self, id))
    return;
  g_ptr_array_add (self->added_orientations, g_strdup (id));
  sillon_message_label_set (self->summary_message, NULL);
  fill_orientations (self);
  /* With nothing left to add, the focus would be lost on an insensitive
   * button: it goes to what was just added. */
  check = self->orientation_checks->pdata[self->orientation_checks->len - 1];
  if (!gtk_widget_get_sensitive (self->add_orientation_box))
    gtk_widget_grab_focus (check);
}

static void
fill_degree_combo (SillonAssessmentSummary *self)
{
  SillonDegree computed = sillon_assessment_result_get_degree (self->result);
  /* Translators: the first choice of the degree override: keep the computed degree. */
  g_autofree char *keep = g_strdup_printf (_ ("As computed: %s"), sillon_degree_get_label (computed));

  gtk_combo_box_text_remove_all (self->degree_combo);
  gtk_combo_box_text_append (self->degree_combo, "computed", keep);
  for (guint d = SILLON_DEGREE_TRES_ELOIGNE; d < SILLON_DEGREE_COUNT; d++)
    if (d != computed)
      gtk_combo_box_text_append (self->degree_combo, sillon_degree_to_id (d), sillon_degree_get_label (d));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->degree_combo), "computed");
}

static gboolean show_result (SillonAssessmentSummary *self,
                             SillonAssessment *assessment,
                             SillonQuestionnaire *questionnaire,
                             SillonOrientationRules *rules,
                             gboolean saved,
                             GError **error);

/* A saved assessment is read, not decided again: its decision shows in
 * the degree and the orientations, and nothing can change it. */
static void
set_read_only (SillonAssessmentSummary *self, gboolean read_only)
{
  gtk_widget_set_visible (self->decision_hint, !read_only);
  gtk_widget_set_visible (self->add_orientation_box, !read_only);
  gtk_widget_set_visible (self->decision_heading, !read_only);
  gtk_widget_set_visible (self->decision_grid, !read_only);
  gtk_widget_set_visible (self->buttons_box, !read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->urgent_check), !read_only);
  for (guint i = 0; i < self->orientation_checks->len; i++)
    gtk_widget_set_sensitive (self->orientation_checks->pdata[i], !read_only);
}

gboolean
sillon_assessment_summary_show (SillonAssessmentSummary *self,
                                SillonAssessment *assessment,
                                SillonQuestionnaire *questionnaire,
                                SillonOrientationRules *rules,
                                GError **error)
{
  if (!show_result (self, assessment, questionnaire, rules, FALSE, error))
    return FALSE;
  set_read_only (self, FALSE);
  return TRUE;
}

gboolean
sillon_assessment_summary_show_saved (SillonAssessmentSummary *self,
                                      SillonAssessment *assessment,
                                      SillonQuestionnaire *questionnaire,
                                      SillonOrientationRules *rules,
                                      GError **error)
{
  if (!show_result (self, assessment, questionnaire, rules, TRUE, error))
    return FALSE;
  set_read_only (self, TRUE);
  return TRUE;
}

static gboolean
show_result (SillonAssessmentSummary *self,
             SillonAssessment *assessment,
             SillonQuestionnaire *questionnaire,
             SillonOrientationRules *rules,
             gboolean saved,
             GError **error)
{
  g_autofree char *basis = NULL;
  g_autoptr (GString) text = NULL;
  guint answered = 0, skipped = 0;
  guint n_items;
  SillonDegree degree;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT_SUMMARY (self), FALSE);
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (assessment), FALSE);
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (questionnaire), FALSE);
  g_return_val_if_fail (SILLON_IS_ORIENTATION_RULES (rules), FALSE);

  /* Overrides are decided on this page and applied on saving. What the
   * mediator unticked stays unticked when they come back from answering
   * more questions (see fill_orientations); what they added does not. */
  if (!saved)
    sillon_assessment_clear_overrides (assessment);
  g_ptr_array_set_size (self->added_orientations, 0);
  g_clear_pointer (&self->result, sillon_assessment_result_free);
  self->result = sillon_assessment_evaluate (assessment, rules, error);
  if (self->result == NULL)
    return FALSE;

  g_set_object (&self->assessment, assessment);
  g_set_object (&self->questionnaire, questionnaire);
  g_set_object (&self->rules, rules);
  n_items = sillon_questionnaire_get_n_items (questionnaire);

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      SillonCoverage coverage;
      sillon_assessment_result_get_coverage (self->result, axis, &coverage);
      answered += coverage.answered;
      skipped += coverage.skipped;
    }

  if (answered + skipped < n_items)
    gtk_label_set_text (self->summary_title, _ ("Result So Far"));
  else
    gtk_label_set_text (self->summary_title, _ ("Result"));
  /* Translators: %1$u answers given, %2$u questions in all, %3$u skipped. */
  basis = g_strdup_printf (ngettext ("Based on %1$u answer out of %2$u questions (%3$u skipped). "
                                     "Questions not answered count for nothing, not for zero.",
                                     "Based on %1$u answers out of %2$u questions (%3$u skipped). "
                                     "Questions not answered count for nothing, not for zero.",
                                     answered),
                           answered, n_items, skipped);
  /* Each axis says what its score rests on: a quick assessment leaves
   * most questions not asked yet, and the mediator must see it. */
  text = g_string_new (basis);
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      g_autofree char *coverage = sillon_assessment_result_describe_coverage (self->result, axis);

      /* Translators: an axis, then what its score rests on, e.g.
       * “Pouvoir: Based on 3 of 10 scored questions”. */
      g_string_append_printf (text, _ ("\n%s: %s"), sillon_axis_get_label (axis), coverage);
    }
  gtk_label_set_text (self->basis_label, text->str);
  sillon_score_chart_set_result (self->chart, self->result);

  degree = sillon_assessment_result_get_degree (self->result);
  gtk_label_set_text (self->degree_label, sillon_degree_get_label (degree));
  gtk_label_set_text (self->degree_definition, degree_definition (degree));
  gtk_widget_set_visible (GTK_WIDGET (self->provisional_label),
                          degree != SILLON_DEGREE_NONE && sillon_assessment_result_is_provisional (self->result));
  gtk_label_set_text (self->provisional_label,
                      _ ("Provisional: fewer than half of the skills questions were answered, or no access question was. Complete the assessment to confirm it."));

  g_signal_handlers_block_by_func (self->urgent_check, on_urgent_check_toggled, self);
  gtk_toggle_button_set_active (self->urgent_check,
                                sillon_assessment_get_context (self->assessment, "urgent_procedure"));
  g_signal_handlers_unblock_by_func (self->urgent_check, on_urgent_check_toggled, self);
  fill_areas (self);
  fill_orientations (self);
  fill_degree_combo (self);
  gtk_entry_set_text (self->reason_entry, "");
  sillon_message_label_set (self->summary_message, NULL);
  return TRUE;
}

void
sillon_assessment_summary_focus_decision (SillonAssessmentSummary *self)
{
  g_return_if_fail (SILLON_IS_ASSESSMENT_SUMMARY (self));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->summary_scroller), 0);
  /* The first control of the decision, which a screen reader announces
   * (a combo box hands the focus to an inner button that it does not):
   * the urgency, then Tab through the suggestions, the degree, the
   * reason. */
  gtk_widget_grab_focus (GTK_WIDGET (self->urgent_check));
}

/* The urgency is a fact about the visit, not an answer: it only changes
 * the suggestions (doing it for the person, under a mandate). */
static void
on_urgent_check_toggled (SillonAssessmentSummary *self)
{
  g_autoptr (GError) error = NULL;
  SillonAssessmentResult *result;

  if (self->assessment == NULL || self->result == NULL)
    return;
  if (!sillon_assessment_set_context (self->assessment, "urgent_procedure",
                                      gtk_toggle_button_get_active (self->urgent_check), &error))
    {
      sillon_assessment_summary_show_error (self, error->message);
      return;
    }
  result = sillon_assessment_evaluate (self->assessment, self->rules, &error);
  if (result == NULL)
    {
      sillon_assessment_summary_show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->result, sillon_assessment_result_free);
  self->result = result;
  fill_orientations (self);
}

/* Enter in the reason saves, as the last field of a form does. */
static void
on_reason_entry_activate (SillonAssessmentSummary *self)
{
  gtk_widget_activate (self->save_button);
}

static void
on_decision_changed (SillonAssessmentSummary *self)
{
  sillon_message_label_set (self->summary_message, NULL);
}

static gboolean
apply_decision (SillonAssessmentSummary *self,
                const char *reason,
                const char *mediator_name,
                gboolean *out_overridden,
                GError **error)
{
  const char *degree_id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->degree_combo));
  SillonDegree degree;

  *out_overridden = FALSE;
  sillon_assessment_clear_overrides (self->assessment);
  if (degree_id != NULL && !g_str_equal (degree_id, "computed") && sillon_degree_from_id (degree_id, &degree))
    {
      if (!sillon_assessment_override_degree (self->assessment, degree, reason, mediator_name, error))
        return FALSE;
      *out_overridden = TRUE;
    }
  for (guint i = 0; i < self->orientation_checks->len; i++)
    {
      GtkToggleButton *check = self->orientation_checks->pdata[i];
      const char *id = g_object_get_data (G_OBJECT (check), "orientation-id");
      gboolean added = g_object_get_data (G_OBJECT (check), "orientation-added") != NULL;
      gboolean active = gtk_toggle_button_get_active (check);

      /* An added orientation unticked again is simply not added. */
      if (added != active)
        continue;
      if (added)
        {
          if (!sillon_assessment_add_orientation (self->assessment, id, reason, mediator_name, error))
            return FALSE;
        }
      else if (!sillon_assessment_dismiss_orientation (self->assessment, id, reason, mediator_name, error))
        return FALSE;
      *out_overridden = TRUE;
    }
  return TRUE;
}

/* Once the message above the buttons has taken its place, the reason
 * entry at the end of the page must be in view again. */
static gboolean
scroll_summary_to_end (gpointer data)
{
  SillonAssessmentSummary *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->summary_scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

void
sillon_assessment_summary_show_error (SillonAssessmentSummary *self,
                                      const char *message)
{
  g_return_if_fail (SILLON_IS_ASSESSMENT_SUMMARY (self));

  sillon_message_label_set (self->summary_message, message);
  g_idle_add_full (G_PRIORITY_LOW, scroll_summary_to_end, g_object_ref (self), g_object_unref);
}

gboolean
sillon_assessment_summary_apply_decision (SillonAssessmentSummary *self,
                                          const char *mediator_name,
                                          char **out_reason,
                                          gboolean *out_overridden)
{
  g_autofree char *reason = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT_SUMMARY (self), FALSE);
  g_return_val_if_fail (self->assessment != NULL, FALSE);
  g_return_val_if_fail (out_reason != NULL, FALSE);
  g_return_val_if_fail (out_overridden != NULL, FALSE);

  reason = g_strstrip (g_strdup (gtk_entry_get_text (self->reason_entry)));
  if (!apply_decision (self, reason, mediator_name, out_overridden, &error))
    {
      if (reason[0] == '\0')
        sillon_assessment_summary_show_error (self, _ ("Say why you change the degree, untick a suggestion or add an orientation: the reason is kept with the assessment."));
      else
        sillon_assessment_summary_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
      sillon_assessment_clear_overrides (self->assessment);
      return FALSE;
    }
  *out_reason = g_steal_pointer (&reason);
  return TRUE;
}

/* The decision section is only read on saving, so what the mediator
 * changed there lives in the widgets until then. */
gboolean
sillon_assessment_summary_decision_changed (SillonAssessmentSummary *self)
{
  const char *degree_id;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT_SUMMARY (self), FALSE);

  if (self->result == NULL)
    return FALSE;
  degree_id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->degree_combo));
  if (degree_id != NULL && !g_str_equal (degree_id, "computed"))
    return TRUE;
  if (gtk_entry_get_text_length (self->reason_entry) > 0)
    return TRUE;
  for (guint i = 0; i < self->orientation_checks->len; i++)
    {
      GObject *check = self->orientation_checks->pdata[i];
      gboolean added = g_object_get_data (check, "orientation-added") != NULL;

      if (added == gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (check)))
        return TRUE;
    }
  return FALSE;
}

void
sillon_assessment_summary_clear (SillonAssessmentSummary *self)
{
  g_return_if_fail (SILLON_IS_ASSESSMENT_SUMMARY (self));

  g_clear_pointer (&self->result, sillon_assessment_result_free);
  g_clear_object (&self->assessment);
  g_clear_object (&self->questionnaire);
  g_clear_object (&self->rules);
  g_ptr_array_set_size (self->orientation_checks, 0);
  g_ptr_array_set_size (self->added_orientations, 0);
  /* Answers are personal data: do not leave them in widgets either. */
  sillon_score_chart_set_result (self->chart, NULL);
  sillon_container_destroy_children (GTK_CONTAINER (self->areas_grid));
  sillon_container_destroy_children (GTK_CONTAINER (self->orientations_box));
  gtk_entry_set_text (self->reason_entry, "");
}

static void
sillon_assessment_summary_dispose (GObject *object)
{
  SillonAssessmentSummary *self = SILLON_ASSESSMENT_SUMMARY (object);

  g_clear_pointer (&self->result, sillon_assessment_result_free);
  g_clear_object (&self->assessment);
  g_clear_object (&self->questionnaire);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->orientation_checks, g_ptr_array_unref);
  g_clear_pointer (&self->added_orientations, g_ptr_array_unref);
  G_OBJECT_CLASS (sillon_assessment_summary_parent_class)->dispose (object);
}

/* A combo box asks for the width of its longest choice, which no label
 * wrapping can shrink: at a large text scale the orientations' labels
 * would widen the window past the screen. Ellipsized, the closed combo
 * box takes the width it is given; the open list still shows them whole. */
static void
let_combo_shrink (GtkComboBox *combo)
{
  g_autoptr (GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (combo));

  for (GList *l = cells; l != NULL; l = l->next)
    if (GTK_IS_CELL_RENDERER_TEXT (l->data))
      g_object_set (l->data, "ellipsize", PANGO_ELLIPSIZE_END, "width-chars", 12, NULL);
}

static void
sillon_assessment_summary_class_init (SillonAssessmentSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_assessment_summary_dispose;

  g_type_ensure (SILLON_TYPE_SCORE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-assessment-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, summary_scroller);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, summary_box);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, summary_title);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, basis_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, chart);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, degree_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, degree_definition);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, provisional_label);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, areas_grid);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, urgent_check);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, orientations_box);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, add_orientation_box);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, add_orientation_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, degree_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, save_button);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, summary_message);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, decision_hint);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, decision_heading);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, decision_grid);
  gtk_widget_class_bind_template_child (widget_class, SillonAssessmentSummary, buttons_box);
  gtk_widget_class_bind_template_callback (widget_class, on_add_orientation_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_decision_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_urgent_check_toggled);
}

static void
sillon_assessment_summary_init (SillonAssessmentSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->orientation_checks = g_ptr_array_new ();
  self->added_orientations = g_ptr_array_new_with_free_func (g_free);
  /* Tabbing through the summary brings each control into view. */
  gtk_container_set_focus_vadjustment (self->summary_box,
                                       gtk_scrolled_window_get_vadjustment (self->summary_scroller));

  let_combo_shrink (GTK_COMBO_BOX (self->degree_combo));
  let_combo_shrink (GTK_COMBO_BOX (self->add_orientation_combo));
  gtk_label_set_line_wrap (GTK_LABEL (gtk_bin_get_child (GTK_BIN (self->urgent_check))), TRUE);

  /* GTK gives the combo box's drop-down list no name of its own; a screen
   * reader then announces an anonymous menu when it opens. */
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->degree_combo), _ ("Degree"));
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->add_orientation_combo), _ ("Orientation to add"));
}
