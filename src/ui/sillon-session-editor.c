/* sillon-session-editor.c — log or edit one session (accompagnement individuel)
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is ordered for the typical session, so that it takes a few keys:
 * the focus starts in the theme search (type a few letters, Enter ticks the
 * first theme found), Alt+A reaches the autonomy (arrows or End choose),
 * Ctrl+Enter saves. Date, duration and place already hold today, the
 * default duration and the last place type.
 */

#include "config.h"

#include "sillon-session-editor.h"

#include <glib/gi18n.h>

#include "sillon-date-entry.h"
#include "sillon-dialog-size.h"
#include "sillon-message-label.h"
#include "sillon-widget-util.h"

G_DEFINE_QUARK (sillon - session - editor - error - quark, sillon_session_editor_error)

/* The theme under which the Coop files administrative sub-themes. */
#define ADMIN_THEME "aide_aux_demarches_administratives"
/* The id of "nothing chosen" in the optional lists. */
#define NONE_ID "-"

/* Duree.choices_minutes of the Coop's vocabulary. */
static const guint duration_choices[] = { 15, 30, 45, 60, 90, 120 };

struct _SillonSessionEditor
{
  GtkDialog parent_instance;

  SillonSession *session; /* what was given, the fields the form does not show included */
  SillonVocabulary *vocabulary;

  GtkScrolledWindow *scroller;
  GtkContainer *grid;
  GtkLabel *message_label;
  GtkSearchEntry *themes_search;
  GtkListBox *themes_list;
  GtkLabel *themes_chosen_label;
  GtkRevealer *admin_revealer;
  GtkGrid *admin_box;
  GtkEntry *admin_detail_entry;
  GtkComboBoxText *autonomy_combo;
  GtkComboBoxText *help_mode_combo;
  GtkEntry *date_entry;
  GtkComboBoxText *duration_combo;
  GtkComboBoxText *place_combo;
  GtkGrid *equipment_box;
  GtkGrid *skills_box;
  GtkToggleButton *referred_check;
  GtkComboBoxText *destination_combo;
  GtkTextView *notes_view;
};

G_DEFINE_FINAL_TYPE (SillonSessionEditor, sillon_session_editor, GTK_TYPE_DIALOG)

static SillonSession *
session_copy (const SillonSession *s)
{
  SillonSession *copy = sillon_session_new ();

  copy->id = s->id;
  copy->beneficiary_id = s->beneficiary_id;
  copy->mediator_id = s->mediator_id;
  copy->date = g_strdup (s->date);
  copy->duration_minutes = s->duration_minutes;
  copy->place_type = g_strdup (s->place_type);
  copy->place_id = s->place_id;
  copy->equipment = g_strdupv (s->equipment);
  copy->themes = g_strdupv (s->themes);
  copy->admin_themes = g_strdupv (s->admin_themes);
  copy->admin_detail = g_strdup (s->admin_detail);
  copy->autonomy = g_strdup (s->autonomy);
  copy->help_mode = s->help_mode;
  copy->skills = g_strdupv (s->skills);
  copy->referred = s->referred;
  copy->referral_destination = g_strdup (s->referral_destination);
  copy->notes = g_strdup (s->notes);
  return copy;
}

static gboolean
strv_has (GStrv values, const char *value)
{
  return values != NULL && value != NULL && g_strv_contains ((const char *const *) values, value);
}

/* A check button per value, in columns; its value in "sillon-value". */
static void
fill_checks (GtkGrid *grid, guint columns, const char *const *values, const char *const *labels, GStrv checked, GCallback on_toggled, gpointer user_data)
{
  for (guint i = 0; values[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (labels[i]);

      gtk_label_set_line_wrap (GTK_LABEL (gtk_bin_get_child (GTK_BIN (check))), TRUE);
      g_object_set_data_full (G_OBJECT (check), "sillon-value", g_strdup (values[i]), g_free);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), strv_has (checked, values[i]));
      if (on_toggled != NULL)
        g_signal_connect_swapped (check, "toggled", on_toggled, user_data);
      gtk_widget_show (check);
      gtk_grid_attach (grid, check, i % columns, i / columns, 1, 1);
    }
}

static GStrv
checked_values (GtkContainer *container)
{
  g_autoptr (GList) children = gtk_container_get_children (container);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  /* The grid lists its children last attached first. */
  children = g_list_reverse (children);
  for (GList *l = children; l != NULL; l = l->next)
    {
      GtkWidget *check = GTK_IS_LIST_BOX_ROW (l->data) ? gtk_bin_get_child (l->data) : l->data;

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (check)))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "sillon-value"));
    }
  return g_strv_builder_end (builder);
}

static void
fill_vocabulary_checks (SillonSessionEditor *self, GtkGrid *grid, guint columns, const char *enumeration, GStrv checked)
{
  gsize n = 0;
  const SillonVocabularyValue *values = sillon_vocabulary_get_values (self->vocabulary, enumeration, &n, NULL);
  g_autoptr (GPtrArray) apis = g_ptr_array_new ();
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  for (gsize i = 0; i < n; i++)
    {
      g_ptr_array_add (apis, (gpointer) values[i].api);
      g_ptr_array_add (labels, (gpointer) sillon_vocabulary_get_display_label (self->vocabulary, enumeration, values[i].api, NULL));
    }
  g_ptr_array_add (apis, NULL);
  fill_checks (grid, columns, (const char *const *) apis->pdata, (const char *const *) labels->pdata, checked, NULL, NULL);
}

static void
fill_combo (SillonSessionEditor *self, GtkComboBoxText *combo, const char *enumeration, const char *none_label, const char *active)
{
  if (none_label != NULL)
    gtk_combo_box_text_append (combo, NONE_ID, none_label);
  sillon_combo_box_text_append_vocabulary (combo, self->vocabulary, enumeration);
  if (active == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), active))
    gtk_combo_box_set_active (GTK_COMBO_BOX (combo), 0);
}

static const char *
combo_value (GtkComboBoxText *combo)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (combo));

  return id == NULL || g_str_equal (id, NONE_ID) ? NULL : id;
}

/* ── Themes ─────────────────────────────────────────────────────────────── */

static void
update_themes (SillonSessionEditor *self)
{
  g_auto (GStrv) themes = checked_values (GTK_CONTAINER (self->themes_list));
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; themes[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, sillon_vocabulary_get_display_label (self->vocabulary, "Thematique_mediation_numerique", themes[i], NULL));
    }
  if (text->len == 0)
    gtk_label_set_text (self->themes_chosen_label, _ ("No theme chosen yet."));
  else
    {
      /* Translators: %s lists the themes ticked, e.g. "Chosen: E-mail, Santé". */
      g_autofree char *chosen = g_strdup_printf (_ ("Chosen: %s"), text->str);

      gtk_label_set_text (self->themes_chosen_label, chosen);
    }
  gtk_revealer_set_reveal_child (self->admin_revealer, strv_has (themes, ADMIN_THEME));
}

static gboolean
filter_theme (GtkListBoxRow *row, gpointer user_data)
{
  SillonSessionEditor *self = user_data;
  const char *query = gtk_entry_get_text (GTK_ENTRY (self->themes_search));
  g_autofree char *folded = NULL;

  if (query[0] == '\0')
    return TRUE;
  folded = sillon_store_fold (query);
  return strstr (g_object_get_data (G_OBJECT (row), "sillon-folded"), folded) != NULL;
}

/* Each change of the search filters at once, not after GtkSearchEntry's
 * 150 ms pause: a key press shows its letter and the themes it finds in
 * the same frame, and Down right after the last letter goes to the first
 * theme found, not to one the filter hides a moment later. */
static void
on_themes_search_changed (SillonSessionEditor *self)
{
  gtk_list_box_invalidate_filter (self->themes_list);
}

/* Enter ticks the first theme found and empties the search, so that the
 * next theme can be typed at once. */
static void
on_themes_search_activate (SillonSessionEditor *self)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->themes_list));

  if (gtk_entry_get_text (GTK_ENTRY (self->themes_search))[0] == '\0')
    return;
  /* The filter itself, not the rows' visibility, which GTK updates with
   * the next layout. */
  for (GList *l = rows; l != NULL; l = l->next)
    if (filter_theme (l->data, self))
      {
        GtkToggleButton *check = GTK_TOGGLE_BUTTON (gtk_bin_get_child (l->data));

        gtk_toggle_button_set_active (check, !gtk_toggle_button_get_active (check));
        gtk_entry_set_text (GTK_ENTRY (self->themes_search), "");
        return;
      }
  gtk_widget_error_bell (GTK_WIDGET (self->themes_search));
}

static void
fill_themes (SillonSessionEditor *self, GStrv checked)
{
  gsize n = 0;
  const SillonVocabularyValue *values = sillon_vocabulary_get_values (self->vocabulary, "Thematique_mediation_numerique", &n, NULL);

  for (gsize i = 0; i < n; i++)
    {
      const char *shown = sillon_vocabulary_get_display_label (self->vocabulary, "Thematique_mediation_numerique",
                                                               values[i].api, NULL);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *check = gtk_check_button_new_with_label (shown);

      /* The check button takes the focus, not the row around it. */
      gtk_widget_set_can_focus (row, FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      g_object_set (check, "margin-start", 6, "margin-end", 6, "margin-top", 2, "margin-bottom", 2, NULL);
      g_object_set_data_full (G_OBJECT (check), "sillon-value", g_strdup (values[i].api), g_free);
      g_object_set_data_full (G_OBJECT (row), "sillon-folded", sillon_store_fold (shown), g_free);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), strv_has (checked, values[i].api));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_themes), self);
      gtk_container_add (GTK_CONTAINER (row), check);
      atk_object_set_name (gtk_widget_get_accessible (row), shown);
      gtk_widget_show_all (row);
      gtk_container_add (GTK_CONTAINER (self->themes_list), row);
    }
  gtk_list_box_set_filter_func (self->themes_list, filter_theme, self, NULL);
}

/* ── The rest of the form ───────────────────────────────────────────────── */

static void
on_referred_check_toggled (SillonSessionEditor *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->destination_combo), gtk_toggle_button_get_active (self->referred_check));
}

static void
fill_skills (SillonSessionEditor *self, SillonQuestionnaire *questionnaire, GStrv checked)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; questionnaire != NULL && i < sillon_questionnaire_get_n_items (questionnaire); i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (questionnaire, i);

      if (sillon_questionnaire_item_get_axis (item) != SILLON_AXIS_SAVOIR)
        continue;
      g_ptr_array_add (ids, (gpointer) sillon_questionnaire_item_get_id (item));
      g_ptr_array_add (labels, (gpointer) sillon_questionnaire_item_get_question (item));
    }
  g_ptr_array_add (ids, NULL);
  fill_checks (self->skills_box, 2, (const char *const *) ids->pdata, (const char *const *) labels->pdata,
               checked, NULL, NULL);
}

static gboolean
on_key_press_event (GtkWidget *widget, GdkEventKey *event)
{
  guint mods = event->state & gtk_accelerator_get_default_mod_mask ();

  /* Ctrl+Enter saves from anywhere in the form, the notes included. */
  if (mods == GDK_CONTROL_MASK &&
      (event->keyval == GDK_KEY_Return || event->keyval == GDK_KEY_KP_Enter || event->keyval == GDK_KEY_ISO_Enter))
    {
      gtk_dialog_response (GTK_DIALOG (widget), GTK_RESPONSE_OK);
      return GDK_EVENT_STOP;
    }
  return GTK_WIDGET_CLASS (sillon_session_editor_parent_class)->key_press_event (widget, event);
}

SillonSessionEditor *
sillon_session_editor_new (GtkWindow *parent,
                           SillonVocabulary *vocabulary,
                           SillonQuestionnaire *questionnaire,
                           const SillonSession *session)
{
  SillonSessionEditor *self;
  g_autofree char *date = NULL;
  g_autofree char *duration = NULL;
  GtkTextBuffer *notes;
  int width = 760, height = 680;

  g_return_val_if_fail (vocabulary != NULL, NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = g_object_new (SILLON_TYPE_SESSION_EDITOR, "use-header-bar", TRUE, "transient-for", parent, NULL);
  self->vocabulary = vocabulary;
  self->session = session_copy (session);
  if (session->id != 0)
    gtk_window_set_title (GTK_WINDOW (self), _ ("Edit the Session"));

  /* Never taller or wider than the screen: the form scrolls. */
  sillon_dialog_set_default_size_within_screen (GTK_WINDOW (self), parent, width, height);

  fill_themes (self, session->themes);
  fill_vocabulary_checks (self, self->admin_box, 2, "Thematique_demarches_administratives", session->admin_themes);
  gtk_entry_set_text (self->admin_detail_entry, session->admin_detail != NULL ? session->admin_detail : "");
  update_themes (self);

  fill_combo (self, self->autonomy_combo, "Autonomie", _ ("Not assessed"), session->autonomy);
  gtk_combo_box_text_append (self->help_mode_combo, NONE_ID, _ ("Not said"));
  gtk_combo_box_text_append (self->help_mode_combo, "faire_pour", _ ("Done for the person (faire pour)"));
  gtk_combo_box_text_append (self->help_mode_combo, "faire_avec", _ ("Done with the person (faire avec)"));
  gtk_combo_box_text_append (self->help_mode_combo, "laisser_faire", _ ("The person did it (laisser faire)"));
  if (session->help_mode == SILLON_HELP_MODE_UNSET ||
      !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->help_mode_combo), sillon_help_mode_to_string (session->help_mode)))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->help_mode_combo), 0);

  date = session->date != NULL ? sillon_date_entry_text (session->date) : sillon_date_entry_text_today ();
  gtk_entry_set_text (self->date_entry, date);

  for (guint i = 0; i < G_N_ELEMENTS (duration_choices); i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", duration_choices[i]);
      g_autofree char *label = NULL;

      if (duration_choices[i] < 60)
        /* Translators: a duration in minutes. */
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", duration_choices[i]), duration_choices[i]);
      else if (duration_choices[i] % 60 == 0)
        /* Translators: a duration in hours. */
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", duration_choices[i] / 60), duration_choices[i] / 60);
      else
        /* Translators: a duration in hours and minutes, e.g. "1 h 30". */
        label = g_strdup_printf (_ ("%u h %02u"), duration_choices[i] / 60, duration_choices[i] % 60);
      gtk_combo_box_text_append (self->duration_combo, id, label);
    }
  duration = g_strdup_printf ("%u", session->duration_minutes != 0 ? session->duration_minutes : SILLON_SESSION_DEFAULT_DURATION);
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->duration_combo), duration))
    {
      /* A duration logged elsewhere: keep it as it is. */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", session->duration_minutes),
                                                session->duration_minutes);

      gtk_combo_box_text_append (self->duration_combo, duration, label);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->duration_combo), duration);
    }

  fill_combo (self, self->place_combo, "TypeLieu", NULL, session->place_type);
  fill_vocabulary_checks (self, self->equipment_box, 3, "Materiel", session->equipment);
  fill_skills (self, questionnaire, session->skills);

  gtk_toggle_button_set_active (self->referred_check, session->referred);
  fill_combo (self, self->destination_combo, "StructureDeRedirection", _ ("Not said"), session->referral_destination);
  on_referred_check_toggled (self);

  notes = gtk_text_view_get_buffer (self->notes_view);
  gtk_text_buffer_set_text (notes, session->notes != NULL ? session->notes : "", -1);

  gtk_widget_grab_focus (GTK_WIDGET (self->themes_search));
  return self;
}

/* The form's content; @strict refuses what cannot be saved, otherwise (a
 * draft kept over a lock) an unreadable date keeps the one given. */
static SillonSession *
collect (SillonSessionEditor *self, gboolean strict, GError **error)
{
  g_autoptr (SillonSession) s = NULL;
  g_autofree char *date = NULL;
  g_autoptr (GError) date_error = NULL;
  const char *autonomy, *help_mode;

  date = sillon_date_entry_parse (gtk_entry_get_text (self->date_entry), &date_error);
  if (date == NULL && !strict)
    date = g_strdup (self->session->date);
  if (date == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
      g_set_error_literal (error, SILLON_SESSION_EDITOR_ERROR, SILLON_SESSION_EDITOR_ERROR_INVALID,
                           date_error->message);
      return NULL;
    }

  s = session_copy (self->session);
  g_free (s->date);
  s->date = g_steal_pointer (&date);
  s->duration_minutes = (guint) g_ascii_strtoull (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->duration_combo)), NULL, 10);
  g_free (s->place_type);
  s->place_type = g_strdup (combo_value (self->place_combo));
  g_strfreev (s->equipment);
  s->equipment = checked_values (GTK_CONTAINER (self->equipment_box));
  g_strfreev (s->themes);
  s->themes = checked_values (GTK_CONTAINER (self->themes_list));
  if (s->themes[0] == NULL && strict)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->themes_search));
      g_set_error_literal (error, SILLON_SESSION_EDITOR_ERROR, SILLON_SESSION_EDITOR_ERROR_INVALID,
                           _ ("Choose at least one theme: type its name in “Themes”, then press Enter."));
      return NULL;
    }
  g_strfreev (s->admin_themes);
  g_clear_pointer (&s->admin_detail, g_free);
  /* Administrative sub-themes only belong to the administrative theme. */
  if (strv_has (s->themes, ADMIN_THEME))
    {
      s->admin_themes = checked_values (GTK_CONTAINER (self->admin_box));
      s->admin_detail = sillon_entry_dup_text (self->admin_detail_entry);
    }
  else
    s->admin_themes = g_new0 (char *, 1);

  autonomy = combo_value (self->autonomy_combo);
  g_free (s->autonomy);
  s->autonomy = g_strdup (autonomy);
  help_mode = combo_value (self->help_mode_combo);
  s->help_mode = help_mode != NULL ? sillon_help_mode_from_string (help_mode) : SILLON_HELP_MODE_UNSET;
  g_strfreev (s->skills);
  s->skills = checked_values (GTK_CONTAINER (self->skills_box));

  s->referred = gtk_toggle_button_get_active (self->referred_check);
  g_free (s->referral_destination);
  s->referral_destination = s->referred ? g_strdup (combo_value (self->destination_combo)) : NULL;

  g_free (s->notes);
  s->notes = sillon_text_view_dup_text (self->notes_view);
  return g_steal_pointer (&s);
}

SillonSession *
sillon_session_editor_get_session (SillonSessionEditor *self,
                                   GError **error)
{
  g_return_val_if_fail (SILLON_IS_SESSION_EDITOR (self), NULL);

  return collect (self, TRUE, error);
}

SillonSession *
sillon_session_editor_get_draft (SillonSessionEditor *self)
{
  g_return_val_if_fail (SILLON_IS_SESSION_EDITOR (self), NULL);

  return collect (self, FALSE, NULL);
}

void
sillon_session_editor_show_error (SillonSessionEditor *self,
                                  const char *message)
{
  g_return_if_fail (SILLON_IS_SESSION_EDITOR (self));

  sillon_message_label_set (self->message_label, message);
}

static void
sillon_session_editor_finalize (GObject *object)
{
  SillonSessionEditor *self = SILLON_SESSION_EDITOR (object);

  g_clear_pointer (&self->session, sillon_session_free);
  G_OBJECT_CLASS (sillon_session_editor_parent_class)->finalize (object);
}

static void
sillon_session_editor_class_init (SillonSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sillon_session_editor_finalize;
  widget_class->key_press_event = on_key_press_event;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, grid);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, themes_search);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, themes_list);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, themes_chosen_label);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, admin_revealer);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, admin_box);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, admin_detail_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, autonomy_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, help_mode_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, date_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, duration_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, place_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, equipment_box);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, skills_box);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, referred_check);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, destination_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonSessionEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_themes_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_themes_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_referred_check_toggled);
}

static void
sillon_session_editor_init (SillonSessionEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sillon_search_entry_down_to_list (GTK_ENTRY (self->themes_search), self->themes_list);
  /* Tabbing through the form brings each control into view. */
  gtk_container_set_focus_vadjustment (self->grid, gtk_scrolled_window_get_vadjustment (self->scroller));
  /* A combo box's list is a menu of its own for a screen reader: it is
   * named after the combo box. */
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->autonomy_combo), NULL);
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->help_mode_combo), NULL);
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->duration_combo), NULL);
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->place_combo), NULL);
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->destination_combo), NULL);
}
