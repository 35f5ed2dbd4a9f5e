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
#include "sillon-referral-status-dialog.h"

struct _SillonTimeline
{
  GtkBox parent_instance;

  gint64 beneficiary_id;
  guint loaded;       /* entries shown */
  guint build_source; /* builds the rows make_row() left, after the first screenful */

  GtkListBox *list;
  GtkWidget *more_button;
  /* The rows' dates, one width: what each entry was starts at the same
   * place on every row, whatever the length of its month. */
  GtkSizeGroup *dates;
};

G_DEFINE_FINAL_TYPE (SillonTimeline, sillon_timeline, GTK_TYPE_BOX)

enum
{
  SIGNAL_OPEN_ASSESSMENT,
  SIGNAL_EDIT_SESSION,
  SIGNAL_DELETE_SESSION,
  SIGNAL_SHOW_MORE,
  SIGNAL_OPEN_REFERRAL,
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

/* What an entry was (a session's themes): wrapped over up to three lines
 * rather than cut after a few words at a large text size, still never
 * wider than the window (its natural width is capped) nor taller than
 * three lines. Only the rows of a screenful are built at once. */
#define TITLE_LINES 3
#define TITLE_MAX_CHARS 60

static void
set_wrapped (GtkWidget *label)
{
  set_one_line (label);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), TITLE_LINES);
  gtk_label_set_max_width_chars (GTK_LABEL (label), TITLE_MAX_CHARS);
}

/* Builds what @row shows: see make_row(). */
static void
build_row (GtkWidget *row, SillonTimelineKind kind, const char *date, const char *title, const char *detail)
{
  g_autofree char *shown_date = sillon_date_format (date);
  /* Translators: a story entry read aloud: its date, what it was, details. */
  g_autofree char *spoken = g_strdup_printf (_ ("%1$s: %2$s. %3$s"), shown_date, title, detail != NULL ? detail : "");
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *date_label = gtk_label_new (shown_date);
  GtkWidget *title_label = gtk_label_new (title);

  g_object_set (hbox, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_label_set_xalign (GTK_LABEL (date_label), 0);
  gtk_label_set_yalign (GTK_LABEL (date_label), 0);
  set_wrapped (title_label);
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
  {
    GtkWidget *timeline = gtk_widget_get_ancestor (row, SILLON_TYPE_TIMELINE);

    if (timeline != NULL)
      gtk_size_group_add_widget (SILLON_TIMELINE (timeline)->dates, date_label);
  }
  if (kind == SILLON_TIMELINE_SESSION)
    {
      /* Translators: %s is a session's date. */
      g_autofree char *edit = g_strdup_printf (_ ("Edit the session of %s"), shown_date);
      /* Translators: %s is a session's date. */
      g_autofree char *delete = g_strdup_printf (_ ("Delete the session of %s"), shown_date);

      gtk_container_add (GTK_CONTAINER (hbox), row_button ("document-edit-symbolic", edit, G_CALLBACK (on_edit_clicked), row));
      gtk_container_add (GTK_CONTAINER (hbox), row_button ("user-trash-symbolic", delete, G_CALLBACK (on_delete_clicked), row));
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), kind == SILLON_TIMELINE_ASSESSMENT || kind == SILLON_TIMELINE_SESSION ||
                                                                kind == SILLON_TIMELINE_REFERRAL);
  gtk_container_add (GTK_CONTAINER (row), hbox);
  atk_object_set_name (gtk_widget_get_accessible (row), spoken);
  gtk_widget_set_tooltip_text (vbox, spoken);
  gtk_widget_show_all (row);
}

/* What a row will show, kept until it is built. */
typedef struct
{
  SillonTimelineKind kind;
  char *date;
  char *title;
  char *detail;
} RowText;

static void
row_text_free (RowText *text)
{
  g_free (text->date);
  g_free (text->title);
  g_free (text->detail);
  g_free (text);
}

/* A row of the story, not built yet: it knows its entry (kind and id) and
 * keeps its text, hidden until build_pending_row() builds what it shows.
 * Only the rows of the first screenful are built before the page is drawn;
 * the others are built in idle callbacks just after (see load_page()). */
static GtkWidget *
make_row (SillonTimelineKind kind, gint64 id, const char *date, const char *title, const char *detail)
{
  GtkWidget *row = gtk_list_box_row_new ();
  RowText *text = g_new0 (RowText, 1);

  text->kind = kind;
  text->date = g_strdup (date);
  text->title = g_strdup (title);
  text->detail = g_strdup (detail);
  g_object_set_data_full (G_OBJECT (row), "sillon-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data (G_OBJECT (row), "sillon-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (row), "sillon-pending-text", text, (GDestroyNotify) row_text_free);
  /* Hidden until built, even by a gtk_widget_show_all() of the window. */
  gtk_widget_set_no_show_all (row, TRUE);
  return row;
}

/* Builds @row if make_row() left it to build; FALSE if it was built. */
static gboolean
build_pending_row (GtkWidget *row)
{
  RowText *text = g_object_steal_data (G_OBJECT (row), "sillon-pending-text");

  if (text == NULL)
    return FALSE;
  gtk_widget_set_no_show_all (row, FALSE);
  build_row (row, text->kind, text->date, text->title, text->detail);
  row_text_free (text);
  return TRUE;
}

/* "referred to CCAS de Reims" for a session whose referral was made to a
 * named place, "" when none was (yet), NULL with @error if the store
 * failed. */
static char *
session_referral_places (SillonStore *store, gint64 session_id, GError **error)
{
  g_autoptr (GPtrArray) referrals = sillon_store_list_session_referrals (store, session_id, error);
  g_autoptr (GString) names = g_string_new (NULL);

  if (referrals == NULL)
    return NULL;
  for (guint i = 0; i < referrals->len; i++)
    {
      const SillonReferral *r = referrals->pdata[i];
      g_autoptr (SillonPlaceRecord) place = r->place_id != 0 ? sillon_store_get_place (store, r->place_id, NULL) : NULL;
      const char *name = place != NULL ? place->values[SILLON_PLACE_COL_NOM] : NULL;

      if (name == NULL || name[0] == '\0')
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
    }
  if (names->len == 0)
    return g_strdup ("");
  /* Translators: a session ended with a referral; %s names the place(s). */
  return g_strdup_printf (_ ("referred to %s"), names->str);
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
            {
              g_autofree char *where = session_referral_places (store, s->id, error);

              if (where == NULL)
                return NULL;
              if (where[0] != '\0')
                /* Translators: a session ended with a referral to a named
                 * place (or several, separated by commas). */
                g_string_append_printf (detail, " · %s", where);
              else
                /* Translators: a session ended with a referral to another structure. */
                g_string_append_printf (detail, " · %s", _ ("referred"));
            }
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
          g_autofree char *detail = NULL;

          if (r == NULL)
            return NULL;
          destination = r->destination != NULL
                            ? sillon_vocabulary_get_display_label (vocabulary, "StructureDeRedirection", r->destination, NULL)
                            : NULL;
          /* Translators: a story entry: a referral and where to. */
          title = g_strdup_printf (_ ("Referral — %s"), destination != NULL ? destination : _ ("destination not said"));
          /* Translators: a referral's reason and what became of it. */
          detail = r->reason != NULL ? g_strdup_printf (_ ("%1$s · %2$s"), r->reason, sillon_referral_status_describe (r->status))
                                     : g_strdup (sillon_referral_status_describe (r->status));
          /* Where the person was sent comes first: the kind of structure
           * in the title is only what the statistics count. */
          {
            g_autoptr (SillonPlaceRecord) place = r->place_id != 0 ? sillon_store_get_place (store, r->place_id, NULL) : NULL;
            const char *name = place != NULL ? place->values[SILLON_PLACE_COL_NOM] : NULL;

            if (name != NULL && name[0] != '\0')
              {
                /* Translators: a referral's details: the place the person
                 * was referred to (%1$s), then the rest (%2$s). */
                g_autofree char *with_place = g_strdup_printf (_ ("to %1$s · %2$s"), name, detail);

                g_free (detail);
                detail = g_steal_pointer (&with_place);
              }
          }
          if (r->session_id != 0)
            {
              g_autofree char *with_session = NULL;

              /* Translators: a referral's details (%s), and it was made at
               * the end of one of the person's sessions. */
              with_session = g_strdup_printf (_ ("%s · after a session"), detail);
              g_free (detail);
              detail = g_steal_pointer (&with_session);
            }
          return make_row (entry->kind, entry->id, r->date, title, detail);
        }
      default:
        g_return_val_if_reached (NULL);
    }
}

/* How many rows are built before the page is drawn: a screenful. The rest
 * of a page is built in idle callbacks just after, ROWS_PER_IDLE at a time,
 * so that opening a person with a long story takes one screenful's work. */
#define ROWS_PER_IDLE 4

static guint
rows_on_screen (SillonTimeline *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  int height = scroller != NULL ? gtk_widget_get_allocated_height (scroller) : 0;

  /* Until it has a size, what 1366×768 shows and then some. */
  if (height <= 1)
    return 15;
  /* A row is two lines of text and 16 px of margins: at least 40 px. */
  return (guint) (height / 40) + 1;
}

/* Builds the rows left to build, from the first; all of them if @max is 0. */
static guint
build_pending_rows (SillonTimeline *self, guint max)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list));
  guint built = 0;

  for (GList *l = rows; l != NULL && (max == 0 || built < max); l = l->next)
    if (build_pending_row (l->data))
      built++;
  return built;
}

static gboolean
build_rows_in_idle (gpointer user_data)
{
  SillonTimeline *self = SILLON_TIMELINE (user_data);

  if (build_pending_rows (self, ROWS_PER_IDLE) == ROWS_PER_IDLE)
    return G_SOURCE_CONTINUE;
  self->build_source = 0;
  return G_SOURCE_REMOVE;
}

/* Every row built now: before another page, or before reading the rows. */
static void
build_all_rows (SillonTimeline *self)
{
  g_clear_handle_id (&self->build_source, g_source_remove);
  build_pending_rows (self, 0);
}

static gboolean
load_page (SillonTimeline *self, SillonStore *store, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  gint64 total;
  guint first_new = self->loaded;
  guint now;

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
        {
          /* What was read shows, as before the failure. */
          build_all_rows (self);
          return FALSE;
        }
      gtk_container_add (GTK_CONTAINER (self->list), row);
    }
  self->loaded += entries->len;
  /* The first screenful of the new entries now (those of "Show more" are
   * where reading goes on), the others just after the page is drawn. */
  now = rows_on_screen (self);
  for (guint i = 0; i < entries->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) (first_new + i));

      if (i < now)
        build_pending_row (GTK_WIDGET (row));
    }
  if (now < entries->len && self->build_source == 0)
    {
      self->build_source = g_idle_add (build_rows_in_idle, self);
      g_source_set_name_by_id (self->build_source, "[sillon] build the story's rows");
    }
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

  g_clear_handle_id (&self->build_source, g_source_remove);
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

  build_all_rows (self);
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
  else if (kind == SILLON_TIMELINE_REFERRAL)
    emit_for_row (GTK_WIDGET (row), SIGNAL_OPEN_REFERRAL);
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
sillon_timeline_dispose (GObject *object)
{
  SillonTimeline *self = SILLON_TIMELINE (object);

  g_clear_handle_id (&self->build_source, g_source_remove);
  g_clear_object (&self->dates);
  G_OBJECT_CLASS (sillon_timeline_parent_class)->dispose (object);
}

static void
sillon_timeline_class_init (SillonTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_timeline_dispose;

  widget_class->key_press_event = on_key_press_event;

  signals[SIGNAL_OPEN_ASSESSMENT] = g_signal_new ("open-assessment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_EDIT_SESSION] = g_signal_new ("edit-session", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_DELETE_SESSION] = g_signal_new ("delete-session", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* The id of a referral whose outcome the mediator wants to record. */
  signals[SIGNAL_OPEN_REFERRAL] = g_signal_new ("open-referral", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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
  self->dates = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}
