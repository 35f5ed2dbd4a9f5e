/* sillon-timeline.c — a person's story: assessments, sessions, workshops, referrals
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One list, newest first, a page at a time (the store pages it), because a
 * person followed for years has hundreds of entries and opening them must
 * stay instant. Each row reads its record when it is built; a row only
 * holds the record's kind and id.
 */

#include "config.h"

#include "sillon-timeline.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sillon-assessment.h"
#include "sillon-date-entry.h"

struct _SillonTimeline
{
  GtkBox parent_instance;

  gint64 beneficiary_id;
  guint loaded; /* entries shown */

  GtkListBox *list;
  GtkWidget *more_button;
};

G_DEFINE_FINAL_TYPE (SillonTimeline, sillon_timeline, GTK_TYPE_BOX)

enum
{
  SIGNAL_OPEN_ASSESSMENT,
  SIGNAL_EDIT_SESSION,
  SIGNAL_DELETE_SESSION,
  SIGNAL_SHOW_MORE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
    {
      *out_degree = g_strdup (sillon_degree_get_label (SILLON_DEGREE_NONE));
      return g_strdup (_ ("The stored result cannot be read."));
    }
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

static char *
join_labels (SillonVocabulary *vocabulary, const char *enumeration, GStrv values)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      const char *label = sillon_vocabulary_get_display_label (vocabulary, enumeration, values[i], NULL);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, label != NULL ? label : values[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
duration_text (guint minutes)
{
  if (minutes < 60)
    /* Translators: a short duration, e.g. "30 min". */
    return g_strdup_printf (_ ("%u min"), minutes);
  if (minutes % 60 == 0)
    /* Translators: a duration in whole hours, e.g. "2 h". */
    return g_strdup_printf (_ ("%u h"), minutes / 60);
  return g_strdup_printf (_ ("%u h %02u"), minutes / 60, minutes % 60);
}

static GtkWidget *
row_button (const char *icon, const char *name, GCallback callback, GtkWidget *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon, GTK_ICON_SIZE_BUTTON);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, name);
  atk_object_set_name (gtk_widget_get_accessible (button), name);
  g_signal_connect_swapped (button, "clicked", callback, row);
  return button;
}

static void
emit_for_row (GtkWidget *row, guint signal)
{
  SillonTimeline *self = SILLON_TIMELINE (gtk_widget_get_ancestor (row, SILLON_TYPE_TIMELINE));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "sillon-id");

  g_signal_emit (self, signals[signal], 0, id);
}

static void
on_edit_clicked (GtkWidget *row)
{
  emit_for_row (row, SIGNAL_EDIT_SESSION);
}

static void
on_delete_clicked (GtkWidget *row)
{
  emit_for_row (row, SIGNAL_DELETE_SESSION);
}

/* One line each, ellipsized: a long entry never widens the window, and a
 * list of hundreds lays out at once (wrapped labels cost a layout per
 * width tried). The row's accessible name and tooltip hold the whole text. */
static void
set_one_line (GtkWidget *label)
{
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
}

static GtkWidget *
make_row (SillonTimelineKind kind, gint64 id, const char *date, const char *title, const char *detail)
{
  g_autofree char *shown_date = sillon_date_format (date);
  /* Translators: a story entry read aloud: its date, what it was, details. */
  g_autofree char *spoken = g_strdup_printf (_ ("%1$s: %2$s. %3$s"), shown_date, title, detail != NULL ? detail : "");
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *date_label = gtk_label_new (shown_date);
  GtkWidget *title_label = gtk_label_new (title);

  g_object_set_data_full (G_OBJECT (row), "sillon-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data (G_OBJECT (row), "sillon-kind", GINT_TO_POINTER (kind));
  g_object_set (hbox, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_label_set_xalign (GTK_LABEL (date_label), 0);
  gtk_label_set_yalign (GTK_LABEL (date_label), 0);
  set_one_line (title_label);
  gtk_style_context_add_class (gtk_widget_get_style_context (title_label), "sillon-person-name");
  gtk_container_add (GTK_CONTAINER (vbox), title_label);
  if (detail != NULL && detail[0] != '\0')
    {
      GtkWidget *detail_label = gtk_label_new (detail);

      set_one_line (detail_label);
      gtk_style_context_add_class (gtk_widget_get_style_context (detail_label), "dim-label");
      gtk_container_add (GTK_CONTAINER (vbox), detail_label);
    }
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_container_add (GTK_CONTAINER (hbox), date_label);
  gtk_container_add (GTK_CONTAINER (hbox), vbox);
  if (kind == SILLON_TIMELINE_SESSION)
    {
      /* Translators: %s is a session's date. */
      g_autofree char *edit = g_strdup_printf (_ ("Edit the session of %s"), shown_date);
      /* Translators: %s is a session's date. */
      g_autofree char *delete = g_strdup_printf (_ ("Delete the session of %s"), shown_date);

      gtk_container_add (GTK_CONTAINER (hbox), row_button ("document-edit-symbolic", edit, G_CALLBACK (on_edit_clicked), row));
      gtk_container_add (GTK_CONTAINER (hbox), row_button ("user-trash-symbolic", delete, G_CALLBACK (on_delete_clicked), row));
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), kind == SILLON_TIMELINE_ASSESSMENT || kind == SILLON_TIMELINE_SESSION);
  gtk_container_add (GTK_CONTAINER (row), hbox);
  atk_object_set_name (gtk_widget_get_accessible (row), spoken);
  gtk_widget_set_tooltip_text (vbox, spoken);
  gtk_widget_show_all (row);
  return row;
}

static GtkWidget *
entry_row (SillonStore *store, const SillonTimelineEntry *entry, GError **error)
{
  SillonVocabulary *vocabulary = sillon_store_get_vocabulary (store);

  switch (entry->kind)
    {
      case SILLON_TIMELINE_ASSESSMENT:
        {
          g_autoptr (SillonAssessmentRecord) a = sillon_store_get_assessment (store, entry->id, error);
          g_autofree char *degree = NULL;
          g_autofree char *scores = NULL;
          g_autofree char *title = NULL;

          if (a == NULL)
            return NULL;
          scores = summarise_result (a, &degree);
          /* Translators: a story entry: an assessment and the degree it found. */
          title = g_strdup_printf (_ ("Assessment — %s"), degree);
          return make_row (entry->kind, entry->id, a->date, title, scores);
        }
      case SILLON_TIMELINE_SESSION:
        {
          g_autoptr (SillonSession) s = sillon_store_get_session (store, entry->id, error);
          g_autofree char *themes = NULL;
          g_autofree char *duration = NULL;
          g_autofree char *title = NULL;
          g_autoptr (GString) detail = g_string_new (NULL);
          const char *place;

          if (s == NULL)
            return NULL;
          themes = join_labels (vocabulary, "Thematique_mediation_numerique", s->themes);
          duration = duration_text (s->duration_minutes);
          place = sillon_vocabulary_get_display_label (vocabulary, "TypeLieu", s->place_type, NULL);
          /* Translators: a story entry: a session, its duration and its themes. */
          title = g_strdup_printf (_ ("Session, %1$s — %2$s"), duration, themes);
          g_string_append (detail, place != NULL ? place : s->place_type);
          if (s->autonomy != NULL)
            g_string_append_printf (detail, " · %s", sillon_vocabulary_get_display_label (vocabulary, "Autonomie", s->autonomy, NULL));
          if (s->referred)
            /* Translators: a session ended with a referral to another structure. */
            g_string_append_printf (detail, " · %s", _ ("referred"));
          return make_row (entry->kind, entry->id, s->date, title, detail->str);
        }
      case SILLON_TIMELINE_WORKSHOP:
        {
          g_autoptr (SillonWorkshop) w = sillon_store_get_workshop (store, entry->id, error);
          g_autofree char *title = NULL;
          g_autofree char *themes = NULL;

          if (w == NULL)
            return NULL;
          /* Translators: a story entry: a workshop and its title. */
          title = g_strdup_printf (_ ("Workshop — %s"), w->title);
          themes = join_labels (vocabulary, "Thematique_mediation_numerique", w->themes);
          return make_row (entry->kind, entry->id, w->date, title, themes);
        }
      case SILLON_TIMELINE_REFERRAL:
        {
          g_autoptr (SillonReferral) r = sillon_store_get_referral (store, entry->id, error);
          const char *destination;
          g_autofree char *title = NULL;

          if (r == NULL)
            return NULL;
          destination = r->destination != NULL
                            ? sillon_vocabulary_get_display_label (vocabulary, "StructureDeRedirection", r->destination, NULL)
                            : NULL;
          /* Translators: a story entry: a referral and where to. */
          title = g_strdup_printf (_ ("Referral — %s"), destination != NULL ? destination : _ ("destination not said"));
          return make_row (entry->kind, entry->id, r->date, title, r->reason);
        }
      default:
        g_return_val_if_reached (NULL);
    }
}

static gboolean
load_page (SillonTimeline *self, SillonStore *store, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  gint64 total;

  entries = sillon_store_list_timeline (store, self->beneficiary_id, SILLON_TIMELINE_PAGE_SIZE, self->loaded, error);
  if (entries == NULL)
    return FALSE;
  total = sillon_store_count_timeline (store, self->beneficiary_id, error);
  if (total < 0)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *row = entry_row (store, entries->pdata[i], error);

      if (row == NULL)
        return FALSE;
      gtk_container_add (GTK_CONTAINER (self->list), row);
    }
  self->loaded += entries->len;
  gtk_widget_set_visible (self->more_button, self->loaded < total);
  if (self->loaded < total)
    {
      /* Translators: %1$u entries are shown out of %2$u. */
      g_autofree char *label = g_strdup_printf (_ ("Show _More (%1$u of %2$u shown)"), self->loaded, (guint) total);

      gtk_button_set_label (GTK_BUTTON (self->more_button), label);
    }
  return TRUE;
}

void
sillon_timeline_clear (SillonTimeline *self)
{
  g_autoptr (GList) rows = NULL;

  g_return_if_fail (SILLON_IS_TIMELINE (self));

  rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  self->loaded = 0;
  self->beneficiary_id = 0;
  gtk_widget_hide (self->more_button);
}

gboolean
sillon_timeline_load (SillonTimeline *self,
                      SillonStore *store,
                      gint64 beneficiary_id,
                      GError **error)
{
  g_return_val_if_fail (SILLON_IS_TIMELINE (self), FALSE);

  sillon_timeline_clear (self);
  self->beneficiary_id = beneficiary_id;
  return load_page (self, store, error);
}

gboolean
sillon_timeline_load_more (SillonTimeline *self,
                           SillonStore *store,
                           GError **error)
{
  GList *rows;
  GtkWidget *first_new;
  guint before = self->loaded;

  g_return_val_if_fail (SILLON_IS_TIMELINE (self), FALSE);

  if (!load_page (self, store, error))
    return FALSE;
  /* The focus goes to the first new entry, where reading goes on. */
  rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  first_new = g_list_nth_data (rows, before);
  if (first_new != NULL)
    gtk_widget_grab_focus (first_new);
  g_list_free (rows);
  return TRUE;
}

GArray *
sillon_timeline_get_assessment_ids (SillonTimeline *self)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (GList *l = rows; l != NULL; l = l->next)
    if (GPOINTER_TO_INT (g_object_get_data (l->data, "sillon-kind")) == SILLON_TIMELINE_ASSESSMENT)
      g_array_append_val (ids, *(gint64 *) g_object_get_data (l->data, "sillon-id"));
  return ids;
}

gboolean
sillon_timeline_focus_first (SillonTimeline *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, 0);

  if (row == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

static void
on_list_row_activated (SillonTimeline *self, GtkListBoxRow *row)
{
  SillonTimelineKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "sillon-kind"));

  if (kind == SILLON_TIMELINE_ASSESSMENT)
    emit_for_row (GTK_WIDGET (row), SIGNAL_OPEN_ASSESSMENT);
  else if (kind == SILLON_TIMELINE_SESSION)
    emit_for_row (GTK_WIDGET (row), SIGNAL_EDIT_SESSION);
}

static void
on_more_button_clicked (SillonTimeline *self)
{
  g_signal_emit (self, signals[SIGNAL_SHOW_MORE], 0);
}

/* Delete on a session's row deletes it (with Undo), as in a file list. */
static gboolean
on_key_press_event (GtkWidget *widget, GdkEventKey *event)
{
  SillonTimeline *self = SILLON_TIMELINE (widget);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (gtk_widget_get_toplevel (widget)));

  if ((event->keyval == GDK_KEY_Delete || event->keyval == GDK_KEY_KP_Delete) &&
      GTK_IS_LIST_BOX_ROW (focus) && gtk_widget_get_parent (focus) == GTK_WIDGET (self->list) &&
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (focus), "sillon-kind")) == SILLON_TIMELINE_SESSION)
    {
      emit_for_row (focus, SIGNAL_DELETE_SESSION);
      return GDK_EVENT_STOP;
    }
  return GTK_WIDGET_CLASS (sillon_timeline_parent_class)->key_press_event (widget, event);
}

static void
sillon_timeline_class_init (SillonTimelineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->key_press_event = on_key_press_event;

  signals[SIGNAL_OPEN_ASSESSMENT] = g_signal_new ("open-assessment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_EDIT_SESSION] = g_signal_new ("edit-session", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_DELETE_SESSION] = g_signal_new ("delete-session", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_SHOW_MORE] = g_signal_new ("show-more", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonTimeline, list);
  gtk_widget_class_bind_template_child (widget_class, SillonTimeline, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_more_button_clicked);
}

static void
sillon_timeline_init (SillonTimeline *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
