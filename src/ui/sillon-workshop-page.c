/* sillon-workshop-page.c — plan one workshop and take its attendance
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Attendance is taken with the keyboard alone: the mediator types part of
 * a name in "Add a participant" and Enter adds the first person found;
 * Down reaches the other people found and, last, "Add … as a new person",
 * which records someone who is not in the vault yet without leaving the
 * workshop. The people expected (who came to the previous workshop of the
 * series, trainees with a parcours step on it) are a roll call above:
 * Space marks a person present, Down goes to the next. The anonymous
 * counts are checked as they are typed: each dimension (gender, age,
 * status) adds up to at most the total.
 *
 * The place is one of the imported directory's (SillonPlaceChooser). A
 * workshop not saved, or changed since it was, is never dropped without a
 * word: leaving the page (back, Alt+Left, another area) asks whether to
 * save it, discard it or stay. So does closing the window or quitting,
 * through the page's ask_leave vfunc. A lock keeps it in memory (never on
 * disk) and the page shows it again after the unlock.
 */

#include "config.h"

#include "sillon-workshop-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sillon-date-entry.h"
#include "sillon-leave-question.h"
#include "sillon-list-row.h"
#include "sillon-message-label.h"
#include "sillon-people-page.h"
#include "sillon-place-chooser.h"
#include "sillon-widget-util.h"

/* Enough to tell namesakes apart while taking attendance. */
#define MAX_SUGGESTIONS 5
/* Rows of the attendance list built before the frame that shows a
 * workshop: more than the page shows of the list at 1366×768 (it starts
 * below the plan). The others follow in idle callbacks right after, a few
 * at a time, so that the workshop shows sooner. */
#define FIRST_ATTENDEE_ROWS 12
#define ATTENDEE_ROWS_PER_IDLE 6
/* A copy plans the next workshop of a weekly series. */
#define SERIES_INTERVAL_DAYS 7
#define DEFAULT_DURATION_MINUTES 90

struct _SillonWorkshopPage
{
  SillonPage parent_instance;

  gint64 workshop_id; /* 0: not saved yet */
  char *shown_query;  /* what the suggestions were found for */
  /* Who came to a workshop lately, found before the others as a name is
   * typed, read once for the workshop, date and place of favour_for. */
  SillonSearchFavour *favour;
  char *favour_for;
  GArray *attendees; /* gint64 beneficiary ids, in the order they came */
  /* Who is expected (SillonBeneficiary*, by name), and their checks in
   * expected_box by beneficiary id (gint64*, unowned GtkToggleButton*). */
  GPtrArray *expected;
  GHashTable *expected_checks;
  /* People on the list whose rows are still to come (SillonBeneficiary*,
   * from index pending_next on), added by pending_source. */
  GPtrArray *pending_rows;
  guint pending_next;
  guint pending_source;
  gboolean vocabulary_shown;
  /* The form as last loaded or saved (form_snapshot()); NULL while the
   * workshop shown is a copy not saved yet. */
  char *saved_form;
  GtkWidget *leave_dialog;
  GTask *leave_task;
  /* The form as it was when the vault locked, not saved: in memory only,
   * put back after the unlock (its date as typed). NULL: nothing kept. */
  SillonWorkshop *draft;

  GtkLabel *heading;
  GtkEntry *title_entry;
  GtkEntry *date_entry;
  GtkComboBoxText *duration_combo;
  GtkComboBoxText *level_combo;
  GtkComboBoxText *place_type_combo;
  SillonPlaceChooser *place_chooser;
  GtkExpander *plan_expander;
  GtkLabel *plan_heading;
  gboolean showing_checks; /* set_checks() at work: one heading at the end */
  GtkFlowBox *themes_box;
  GtkFlowBox *equipment_box;
  GtkWidget *expected_label;
  GtkBox *expected_box;
  GtkSearchEntry *attendee_entry;
  GtkListBox *suggestion_list;
  GtkListBox *attendee_list;
  GtkLabel *attendance_label;
  GtkExpander *anon_expander;
  GtkLabel *anon_heading;
  GtkBox *anon_box;
  GtkLabel *anon_message;
  GtkLabel *message; /* what went wrong */
  GtkLabel *status;  /* what was done */
  GtkWidget *save_button;
  GtkWidget *copy_button;
  GtkScrolledWindow *scrolled_window;
  GtkWidget *form_box;
  GtkSpinButton *anon_spins[SILLON_ANON_N_COUNTS];
};

G_DEFINE_FINAL_TYPE (SillonWorkshopPage, sillon_workshop_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One message at a time under the form: a problem, or what was done. */
static void
show_message (SillonWorkshopPage *self,
              const char *text)
{
  sillon_message_label_set (self->message, text);
  sillon_message_label_set (self->status, NULL);
}

static void
show_status (SillonWorkshopPage *self,
             const char *text)
{
  sillon_message_label_set (self->status, text);
  sillon_message_label_set (self->message, NULL);
}

/* ── Anonymous counts ──────────────────────────────────────────────────── */

static const struct
{
  SillonAnonCount first, last;
  const char *name; /* for the message */
} dimensions[] = {
  { SILLON_ANON_DEJA_ACCOMPAGNE, SILLON_ANON_DEJA_ACCOMPAGNE, N_ ("already accompanied") },
  { SILLON_ANON_GENRE_FEMININ, SILLON_ANON_GENRE_NON_COMMUNIQUE, N_ ("genders") },
  { SILLON_ANON_AGE_MOINS_DE_DOUZE, SILLON_ANON_AGE_NON_COMMUNIQUE, N_ ("ages") },
  { SILLON_ANON_STATUT_SCOLARISE, SILLON_ANON_STATUT_NON_COMMUNIQUE, N_ ("statuses") },
};

gboolean
sillon_workshop_check_anonymous_counts (const guint *anon,
                                        char **out_message)
{
  for (gsize d = 0; d < G_N_ELEMENTS (dimensions); d++)
    {
      guint sum = 0;

      for (guint i = dimensions[d].first; i <= dimensions[d].last; i++)
        sum += anon[i];
      if (sum > anon[SILLON_ANON_TOTAL])
        {
          if (out_message != NULL)
            /* Translators: %1$s is a dimension ("ages"), %2$u its sum, %3$u the total. */
            *out_message = g_strdup_printf (_ ("The %1$s add up to %2$u, more than the %3$u anonymous participants in total. "
                                               "Raise the total or lower the %1$s."),
                                            _ (dimensions[d].name), sum, anon[SILLON_ANON_TOTAL]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The labels of the counts, by the Coop's groups. */
static const struct
{
  SillonAnonCount count;
  const char *label;
  const char *group; /* the heading before it, NULL: none */
} anon_labels[] = {
  { SILLON_ANON_TOTAL, N_ ("Total"), NULL },
  { SILLON_ANON_DEJA_ACCOMPAGNE, N_ ("Already accompanied"), NULL },
  { SILLON_ANON_GENRE_FEMININ, N_ ("Women"), N_ ("Gender") },
  { SILLON_ANON_GENRE_MASCULIN, N_ ("Men"), NULL },
  { SILLON_ANON_GENRE_NON_COMMUNIQUE, N_ ("Gender not given"), NULL },
  { SILLON_ANON_AGE_MOINS_DE_DOUZE, N_ ("Under 12"), N_ ("Age") },
  { SILLON_ANON_AGE_DOUZE_DIX_HUIT, N_ ("12 to 17"), NULL },
  { SILLON_ANON_AGE_DIX_HUIT_VINGT_QUATRE, N_ ("18 to 24"), NULL },
  { SILLON_ANON_AGE_VINGT_CINQ_TRENTE_NEUF, N_ ("25 to 39"), NULL },
  { SILLON_ANON_AGE_QUARANTE_CINQUANTE_NEUF, N_ ("40 to 59"), NULL },
  { SILLON_ANON_AGE_SOIXANTE_SOIXANTE_NEUF, N_ ("60 to 69"), NULL },
  { SILLON_ANON_AGE_SOIXANTE_DIX_PLUS, N_ ("70 and over"), NULL },
  { SILLON_ANON_AGE_NON_COMMUNIQUE, N_ ("Age not given"), NULL },
  { SILLON_ANON_STATUT_SCOLARISE, N_ ("In education"), N_ ("Status") },
  { SILLON_ANON_STATUT_SANS_EMPLOI, N_ ("Out of work"), NULL },
  { SILLON_ANON_STATUT_EN_EMPLOI, N_ ("In work"), NULL },
  { SILLON_ANON_STATUT_RETRAITE, N_ ("Retired"), NULL },
  { SILLON_ANON_STATUT_NON_COMMUNIQUE, N_ ("Status not given"), NULL },
};

static void
read_anonymous_counts (SillonWorkshopPage *self,
                       guint *anon)
{
  for (guint i = 0; i < SILLON_ANON_N_COUNTS; i++)
    {
      gtk_spin_button_update (self->anon_spins[i]);
      anon[i] = (guint) gtk_spin_button_get_value_as_int (self->anon_spins[i]);
    }
}

static gboolean
check_anonymous_counts (SillonWorkshopPage *self)
{
  guint anon[SILLON_ANON_N_COUNTS];
  g_autofree char *text = NULL;
  gboolean valid;

  read_anonymous_counts (self, anon);
  valid = sillon_workshop_check_anonymous_counts (anon, &text);
  sillon_message_label_set (self->anon_message, text);
  return valid;
}

/* The folded section's title says what it holds. */
static void
update_anon_heading (SillonWorkshopPage *self)
{
  guint total = (guint) gtk_spin_button_get_value_as_int (self->anon_spins[SILLON_ANON_TOTAL]);
  g_autofree char *text = total == 0 ? g_strdup (_ ("Anonymous Participants: none"))
                                     /* Translators: %u is how many people came without being recorded by name. */
                                     : g_strdup_printf (_ ("Anonymous Participants: %u"), total);

  gtk_label_set_text (self->anon_heading, text);
}

static void
on_anon_spin_value_changed (SillonWorkshopPage *self)
{
  check_anonymous_counts (self);
  update_anon_heading (self);
}

/* The flow box's own child is what a screen reader meets first: it says
 * what it holds, and the keyboard goes straight to the control inside. */
static void
add_to_flow_box (GtkFlowBox *box,
                 GtkWidget *widget,
                 const char *name)
{
  GtkWidget *child;

  gtk_container_add (GTK_CONTAINER (box), widget);
  child = gtk_widget_get_parent (widget);
  gtk_widget_set_can_focus (child, FALSE);
  atk_object_set_name (gtk_widget_get_accessible (child), name);
}

static GtkFlowBox *
new_flow_box (guint max_per_line)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), max_per_line);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 4);
  return GTK_FLOW_BOX (box);
}

/* One line of counts per group, wrapped to the window's width. */
static void
build_anonymous_counts (SillonWorkshopPage *self)
{
  GtkFlowBox *group_box = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (anon_labels); i++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *label = gtk_label_new (_ (anon_labels[i].label));
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 10000, 1);

      if (group_box == NULL || anon_labels[i].group != NULL)
        {
          if (anon_labels[i].group != NULL)
            {
              GtkWidget *group = gtk_label_new (_ (anon_labels[i].group));

              gtk_label_set_xalign (GTK_LABEL (group), 0);
              gtk_style_context_add_class (gtk_widget_get_style_context (group), "dim-label");
              gtk_container_add (GTK_CONTAINER (self->anon_box), group);
            }
          group_box = new_flow_box (5);
          gtk_container_add (GTK_CONTAINER (self->anon_box), GTK_WIDGET (group_box));
        }
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_entry_set_width_chars (GTK_ENTRY (spin), 4);
      gtk_entry_set_activates_default (GTK_ENTRY (spin), TRUE);
      atk_object_set_name (gtk_widget_get_accessible (spin), _ (anon_labels[i].label));
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_anon_spin_value_changed), self);
      gtk_container_add (GTK_CONTAINER (item), label);
      gtk_container_add (GTK_CONTAINER (item), spin);
      add_to_flow_box (group_box, item, _ (anon_labels[i].label));
      self->anon_spins[anon_labels[i].count] = GTK_SPIN_BUTTON (spin);
    }
  gtk_widget_show_all (GTK_WIDGET (self->anon_box));
}

/* ── The national lists ────────────────────────────────────────────────── */

static void
fill_combo (GtkComboBoxText *combo,
            SillonVocabulary *vocabulary,
            const char *enumeration,
            const char *none_label)
{
  gtk_combo_box_text_remove_all (combo);
  if (none_label != NULL)
    gtk_combo_box_text_append (combo, "", none_label);
  sillon_combo_box_text_append_vocabulary (combo, vocabulary, enumeration);
}

static GtkToggleButton *
check_of (GtkWidget *flow_box_child)
{
  return GTK_TOGGLE_BUTTON (gtk_bin_get_child (GTK_BIN (flow_box_child)));
}

/* The labels of the checks ticked in @box, added to @chosen. */
static void
add_checked_labels (GtkFlowBox *box,
                    GPtrArray *chosen)
{
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (box));

  for (GList *l = children; l != NULL; l = l->next)
    if (gtk_toggle_button_get_active (check_of (l->data)))
      g_ptr_array_add (chosen, (gpointer) gtk_button_get_label (GTK_BUTTON (check_of (l->data))));
}

/* The folded section's title says what was chosen. */
static void
update_plan_heading (SillonWorkshopPage *self)
{
  g_autoptr (GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (self->showing_checks)
    return;
  add_checked_labels (self->themes_box, chosen);
  add_checked_labels (self->equipment_box, chosen);
  g_ptr_array_add (chosen, NULL);
  if (chosen->len == 1)
    text = g_strdup (_ ("Themes and Equipment: none chosen"));
  else
    {
      g_autofree char *list = g_strjoinv (", ", (char **) chosen->pdata);

      /* Translators: %s lists the themes and equipment chosen. */
      text = g_strdup_printf (_ ("Themes and Equipment: %s"), list);
    }
  gtk_label_set_text (self->plan_heading, text);
}

static void
on_check_toggled (SillonWorkshopPage *self)
{
  update_plan_heading (self);
}

static void
fill_checks (SillonWorkshopPage *self,
             GtkFlowBox *box,
             SillonVocabulary *vocabulary,
             const char *enumeration)
{
  gsize n = 0;
  const SillonVocabularyValue *values = sillon_vocabulary_get_values (vocabulary, enumeration, &n, NULL);

  for (gsize i = 0; values != NULL && i < n; i++)
    {
      const char *shown = sillon_vocabulary_get_display_label (vocabulary, enumeration, values[i].api, NULL);
      GtkWidget *check = gtk_check_button_new_with_label (shown);
      GtkWidget *label = gtk_bin_get_child (GTK_BIN (check));

      gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
      g_object_set_data_full (G_OBJECT (check), "api", g_strdup (values[i].api), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_check_toggled), self);
      add_to_flow_box (box, check, shown);
    }
  gtk_widget_show_all (GTK_WIDGET (box));
}

/* The lists come with the vault's vocabulary, so once there is a store. */
static void
show_vocabulary (SillonWorkshopPage *self,
                 SillonStore *store)
{
  static const guint durations[] = { 30, 45, 60, 90, 120, 150, 180, 240 };
  SillonVocabulary *vocabulary = sillon_store_get_vocabulary (store);

  if (self->vocabulary_shown)
    return;
  self->vocabulary_shown = TRUE;
  fill_combo (self->level_combo, vocabulary, "NiveauAtelier", _ ("Not given"));
  fill_combo (self->place_type_combo, vocabulary, "TypeLieu", NULL);
  fill_checks (self, self->themes_box, vocabulary, "Thematique_mediation_numerique");
  fill_checks (self, self->equipment_box, vocabulary, "Materiel");
  for (gsize i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", durations[i]);
      g_autofree char *text = durations[i] < 60 || durations[i] % 60 != 0
                                  /* Translators: a duration, %u in minutes. */
                                  ? g_strdup_printf (_ ("%u min"), durations[i])
                                  /* Translators: a duration, %u in hours. */
                                  : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", durations[i] / 60), durations[i] / 60);

      gtk_combo_box_text_append (self->duration_combo, id, text);
    }
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->duration_combo), NULL);
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->level_combo), NULL);
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->place_type_combo), NULL);
}

static void
set_checks (GtkFlowBox *box,
            const char *const *apis)
{
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (box));

  for (GList *l = children; l != NULL; l = l->next)
    {
      GtkToggleButton *check = check_of (l->data);
      const char *api = g_object_get_data (G_OBJECT (check), "api");

      gtk_toggle_button_set_active (check, apis != NULL && g_strv_contains (apis, api));
    }
}

static GStrv
get_checks (GtkFlowBox *box)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (box));

  for (GList *l = children; l != NULL; l = l->next)
    if (gtk_toggle_button_get_active (check_of (l->data)))
      g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check_of (l->data)), "api"));
  return g_strv_builder_end (builder);
}

/* ── Attendance ────────────────────────────────────────────────────────── */

static gboolean
is_attending (SillonWorkshopPage *self,
              gint64 id)
{
  for (guint i = 0; i < self->attendees->len; i++)
    if (g_array_index (self->attendees, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
update_attendance_label (SillonWorkshopPage *self)
{
  guint n = self->attendees->len;
  g_autofree char *text = n == 0 ? g_strdup (_ ("Nobody is on the attendance list yet."))
                                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person on the attendance list",
                                                                 "%u people on the attendance list", n),
                                                    n);

  gtk_label_set_text (self->attendance_label, text);
}

/* Attendance of a saved workshop is written as it is taken: the list the
 * mediator sees is never only on the screen. Its plan waits for Save. */
static void
save_attendance (SillonWorkshopPage *self)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonWorkshop) stored = NULL;
  g_autoptr (GError) error = NULL;

  if (self->workshop_id == 0 || store == NULL)
    return;
  stored = sillon_store_get_workshop (store, self->workshop_id, &error);
  if (stored != NULL)
    {
      g_array_set_size (stored->attendees, 0);
      g_array_append_vals (stored->attendees, self->attendees->data, self->attendees->len);
      if (sillon_store_update_workshop (store, stored, &error))
        return;
    }
  {
    /* Translators: %s is the reason. */
    g_autofree char *text = g_strdup_printf (_ ("The attendance list was not saved: %s"), error->message);
    show_message (self, text);
  }
}

static void on_remove_button_clicked (GtkButton *button, SillonWorkshopPage *self);

/* The person a row, a check or a suggestion stands for (0: none, or the
 * suggestion that records a new person). */
static gint64
id_of (gpointer object)
{
  gint64 *id = g_object_get_data (G_OBJECT (object), "beneficiary-id");

  return id != NULL ? *id : 0;
}

static void
add_attendee_row (SillonWorkshopPage *self,
                  gint64 id,
                  const char *name)
{
  /* Translators: %s is a person's name; the button takes them off the attendance list. */
  g_autofree char *remove_name = g_strdup_printf (_ ("Remove %s"), name);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic", GTK_ICON_SIZE_BUTTON);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (remove, remove_name);
  atk_object_set_name (gtk_widget_get_accessible (remove), remove_name);
  gtk_style_context_add_class (gtk_widget_get_style_context (remove), "flat");
  g_object_set (box, "margin-start", 12, "margin-end", 6, "margin-top", 2, "margin-bottom", 2, NULL);
  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_container_add (GTK_CONTAINER (box), remove);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  atk_object_set_name (gtk_widget_get_accessible (row), name);
  g_object_set_data_full (G_OBJECT (row), "beneficiary-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (remove), "row", row, NULL);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_button_clicked), self);
  gtk_widget_show_all (row);
  gtk_container_add (GTK_CONTAINER (self->attendee_list), row);
}

static void on_expected_check_toggled (GtkToggleButton *check, SillonWorkshopPage *self);

static void
add_pending_rows (SillonWorkshopPage *self,
                  guint n)
{
  for (; n > 0 && self->pending_rows != NULL && self->pending_next < self->pending_rows->len; n--)
    {
      const SillonBeneficiary *b = self->pending_rows->pdata[self->pending_next++];
      g_autofree char *name = sillon_beneficiary_dup_display_name (b);

      add_attendee_row (self, b->id, name);
    }
}

static void
drop_pending_rows (SillonWorkshopPage *self)
{
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  self->pending_next = 0;
}

static gboolean
on_pending_rows_idle (gpointer user_data)
{
  SillonWorkshopPage *self = user_data;

  add_pending_rows (self, ATTENDEE_ROWS_PER_IDLE);
  if (self->pending_rows != NULL && self->pending_next < self->pending_rows->len)
    return G_SOURCE_CONTINUE;
  self->pending_source = 0;
  drop_pending_rows (self);
  return G_SOURCE_REMOVE;
}

/* Every person on the list has a row, in order, before the list changes. */
static void
flush_pending_rows (SillonWorkshopPage *self)
{
  add_pending_rows (self, G_MAXUINT);
  drop_pending_rows (self);
}

/* The people of a workshop as it opens: on the list at once, their rows
 * the first screenful now and the others after the frame. */
static void
show_attendees (SillonWorkshopPage *self,
                GPtrArray *people)
{
  drop_pending_rows (self);
  for (guint i = 0; i < people->len; i++)
    {
      const SillonBeneficiary *b = people->pdata[i];

      if (!is_attending (self, b->id))
        g_array_append_val (self->attendees, b->id);
    }
  self->pending_rows = g_ptr_array_ref (people);
  add_pending_rows (self, FIRST_ATTENDEE_ROWS);
  if (self->pending_next < people->len)
    {
      self->pending_source = g_idle_add (on_pending_rows_idle, self);
      g_source_set_name_by_id (self->pending_source, "[sillon] attendance rows");
    }
  else
    drop_pending_rows (self);
  update_attendance_label (self);
}

/* Ticks or unticks an expected person's check, if they are expected,
 * without taking it as the mediator's doing. */
static void
set_expected_check (SillonWorkshopPage *self,
                    gint64 id,
                    gboolean present)
{
  GtkToggleButton *check = g_hash_table_lookup (self->expected_checks, &id);

  if (check == NULL || gtk_toggle_button_get_active (check) == present)
    return;
  g_signal_handlers_block_by_func (check, on_expected_check_toggled, self);
  gtk_toggle_button_set_active (check, present);
  g_signal_handlers_unblock_by_func (check, on_expected_check_toggled, self);
}

static void
remove_attendee (SillonWorkshopPage *self,
                 gint64 id)
{
  g_autoptr (GList) rows = NULL;

  flush_pending_rows (self);
  rows = gtk_container_get_children (GTK_CONTAINER (self->attendee_list));
  for (guint i = 0; i < self->attendees->len; i++)
    if (g_array_index (self->attendees, gint64, i) == id)
      {
        g_array_remove_index (self->attendees, i);
        break;
      }
  for (GList *l = rows; l != NULL; l = l->next)
    if (id_of (l->data) == id)
      gtk_widget_destroy (l->data);
  set_expected_check (self, id, FALSE);
  update_attendance_label (self);
}

static void
on_remove_button_clicked (GtkButton *button,
                          SillonWorkshopPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  remove_attendee (self, id_of (row));
  save_attendance (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->attendee_entry));
}

static void
add_attendee_with_name (SillonWorkshopPage *self,
                        gint64 id,
                        const char *name)
{
  flush_pending_rows (self);
  if (!is_attending (self, id))
    {
      g_array_append_val (self->attendees, id);
      add_attendee_row (self, id, name);
    }
  set_expected_check (self, id, TRUE);
  update_attendance_label (self);
}

static void
add_attendee (SillonWorkshopPage *self,
              const SillonBeneficiary *b)
{
  g_autofree char *name = sillon_beneficiary_dup_display_name (b);

  add_attendee_with_name (self, b->id, name);
}

/* ── Who is expected ───────────────────────────────────────────────────── */

/* Space on an expected person's check marks them present (written at
 * once, as any attendance), Space again takes them off the list. */
static void
on_expected_check_toggled (GtkToggleButton *check,
                           SillonWorkshopPage *self)
{
  gint64 id = id_of (check);

  if (gtk_toggle_button_get_active (check))
    add_attendee_with_name (self, id, gtk_button_get_label (GTK_BUTTON (check)));
  else
    remove_attendee (self, id);
  save_attendance (self);
}

static void
clear_expected (SillonWorkshopPage *self)
{
  g_autoptr (GList) checks = gtk_container_get_children (GTK_CONTAINER (self->expected_box));

  g_hash_table_remove_all (self->expected_checks);
  g_ptr_array_set_size (self->expected, 0);
  for (GList *l = checks; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  gtk_widget_hide (self->expected_label);
  gtk_widget_hide (GTK_WIDGET (self->expected_box));
}

/* The people expected, one check each, by name: a roll call where Space
 * marks someone present and Down goes to the next, two keys a person at
 * most. A plain column of check buttons: the window's arrow keys move
 * between them, and a screen reader says each name and whether it is
 * ticked. */
static void
show_expected (SillonWorkshopPage *self,
               GPtrArray *people)
{
  clear_expected (self);
  for (guint i = 0; i < people->len; i++)
    {
      SillonBeneficiary *b = people->pdata[i];
      g_autofree char *name = sillon_beneficiary_dup_display_name (b);
      GtkWidget *check = gtk_check_button_new_with_label (name);
      gint64 *key = g_memdup2 (&b->id, sizeof b->id);

      gtk_label_set_ellipsize (GTK_LABEL (gtk_bin_get_child (GTK_BIN (check))), PANGO_ELLIPSIZE_END);
      /* The focus ring around the name, not across the page. */
      gtk_widget_set_halign (check, GTK_ALIGN_START);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), is_attending (self, b->id));
      g_object_set_data_full (G_OBJECT (check), "beneficiary-id", g_memdup2 (&b->id, sizeof b->id), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_expected_check_toggled), self);
      gtk_widget_show (check);
      gtk_container_add (GTK_CONTAINER (self->expected_box), check);
      g_hash_table_insert (self->expected_checks, key, check);
    }
  g_ptr_array_extend_and_steal (self->expected, g_ptr_array_ref (people));
  gtk_widget_set_visible (self->expected_label, self->expected->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->expected_box), self->expected->len > 0);
}

/* Reads who is expected at the workshop shown (@workshop_id 0: not saved)
 * and shows them; FALSE with @error if the store cannot say. */
static gboolean
load_expected (SillonWorkshopPage *self,
               SillonStore *store,
               gint64 workshop_id,
               const SillonWorkshop *w,
               GError **error)
{
  g_autoptr (GPtrArray) people = sillon_store_list_expected_attendees (store, workshop_id, w->title, w->date, error);

  if (people == NULL)
    return FALSE;
  show_expected (self, people);
  return TRUE;
}

/* The first expected person not marked present yet, where a roll call
 * starts; NULL if there is none. */
static GtkWidget *
first_expected_to_mark (SillonWorkshopPage *self)
{
  g_autoptr (GList) checks = gtk_container_get_children (GTK_CONTAINER (self->expected_box));

  for (GList *l = checks; l != NULL; l = l->next)
    if (!gtk_toggle_button_get_active (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
suggestion_row (const char *text,
                gint64 id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set (label, "margin-start", 12, "margin-end", 12, "margin-top", 6, "margin-bottom", 6, NULL);
  gtk_container_add (GTK_CONTAINER (row), label);
  atk_object_set_name (gtk_widget_get_accessible (row), text);
  /* 0: the row that records a new person. */
  g_object_set_data_full (G_OBJECT (row), "beneficiary-id", g_memdup2 (&id, sizeof id), g_free);
  gtk_widget_show_all (row);
  return row;
}

static void
add_suggestion (SillonWorkshopPage *self,
                const SillonBeneficiary *b)
{
  g_autofree char *name = sillon_beneficiary_dup_display_name (b);

  if (b->birth_year != 0)
    {
      /* Translators: %1$s is a name, %2$d a birth year, to tell namesakes apart. */
      g_autofree char *with_year = g_strdup_printf (_ ("%1$s, born in %2$d"), name, b->birth_year);
      g_free (name);
      name = g_steal_pointer (&with_year);
    }
  gtk_container_add (GTK_CONTAINER (self->suggestion_list), suggestion_row (name, b->id));
}

/* Whether every word typed (folded) starts a word of the person's name,
 * as the store's search has it. */
static gboolean
name_matches (const SillonBeneficiary *b,
              const char *const *words)
{
  g_autofree char *name = sillon_beneficiary_dup_display_name (b);
  g_autofree char *folded = sillon_store_fold (name);
  g_auto (GStrv) name_words = g_strsplit (folded, " ", -1);
  gboolean any = FALSE;

  for (gsize i = 0; words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (words[i][0] == '\0')
        continue;
      for (gsize j = 0; name_words[j] != NULL && !found; j++)
        found = g_str_has_prefix (name_words[j], words[i]);
      if (!found)
        return FALSE;
      any = TRUE;
    }
  return any;
}

/* The people with a step of their parcours planned on this workshop's
 * date, then those who came to a workshop in the weeks before it, this
 * place's first: a workshop's public is mostly the people of the other
 * workshops, so they come before their namesakes among the people found
 * (sillon_store_search_beneficiaries_favouring()). Read again
 * when the date or the place changed; NULL (nobody favoured) while the
 * date typed is not a date. */
static const SillonSearchFavour *
attendee_favour (SillonWorkshopPage *self,
                 SillonStore *store)
{
  g_autofree char *date = sillon_date_entry_parse (gtk_entry_get_text (self->date_entry), NULL);
  gint64 place_id = sillon_place_chooser_get_place_id (self->place_chooser);
  g_autofree char *key = NULL;
  g_autoptr (GError) error = NULL;

  if (date == NULL)
    return NULL;
  key = g_strdup_printf ("%" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT, self->workshop_id, date, place_id);
  if (g_strcmp0 (key, self->favour_for) == 0)
    return self->favour;
  g_clear_pointer (&self->favour, sillon_search_favour_free);
  self->favour = sillon_store_favour_recent_attendees (store, self->workshop_id, date, place_id, &error);
  /* Without it the search still finds everyone, by name alone; a store
   * that cannot read says so on the search itself. */
  if (self->favour == NULL)
    g_debug ("Recent workshop participants not read: %s", error->message);
  g_free (self->favour_for);
  self->favour_for = g_steal_pointer (&key);
  return self->favour;
}

static void
forget_attendee_favour (SillonWorkshopPage *self)
{
  g_clear_pointer (&self->favour, sillon_search_favour_free);
  g_clear_pointer (&self->favour_for, g_free);
}

static void
update_suggestions (SillonWorkshopPage *self)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autofree char *query = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (self->attendee_entry))));
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *folded = NULL;
  g_auto (GStrv) words = NULL;
  g_autoptr (GHashTable) suggested = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint shown = 0;

  /* The search entry's delayed search-changed comes after Enter or Down
   * already searched: rebuilding the rows then would take the focus away
   * from the one the mediator moved to. */
  if (g_strcmp0 (query, self->shown_query) == 0)
    return;
  g_free (self->shown_query);
  self->shown_query = g_strdup (query);
  sillon_list_box_clear (self->suggestion_list);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestion_list), store != NULL && query[0] != '\0');
  if (store == NULL || query[0] == '\0')
    return;
  folded = sillon_store_fold (query);

  /* The people expected come first: a regular is found with the first
   * letters of a name, however many people of the vault share them. */
  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; i < self->expected->len && shown < MAX_SUGGESTIONS; i++)
    {
      SillonBeneficiary *b = self->expected->pdata[i];

      if (is_attending (self, b->id) || !name_matches (b, (const char *const *) words))
        continue;
      add_suggestion (self, b);
      g_hash_table_add (suggested, g_memdup2 (&b->id, sizeof b->id));
      shown++;
    }
  /* Enough for the people already on the list or shown above: the people
   * favoured are often the ones already marked present. */
  found = sillon_store_search_beneficiaries_favouring (store, query, attendee_favour (self, store),
                                                       MAX_SUGGESTIONS + 1 + shown + self->attendees->len, &error);
  if (found == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < found->len && shown < MAX_SUGGESTIONS; i++)
    {
      SillonBeneficiary *b = found->pdata[i];

      if (is_attending (self, b->id) || g_hash_table_contains (suggested, &b->id))
        continue;
      add_suggestion (self, b);
      shown++;
    }
  /* Translators: %s is the name the mediator typed. */
  new_text = g_strdup_printf (_ ("Add “%s” as a new person"), query);
  gtk_container_add (GTK_CONTAINER (self->suggestion_list), suggestion_row (new_text, 0));
}

static void
on_attendee_entry_search_changed (SillonWorkshopPage *self)
{
  update_suggestions (self);
}

/* "Marie Dupont": first name then last name; one word is a last name. */
static SillonBeneficiary *
new_person_from_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  SillonBeneficiary *b = sillon_beneficiary_new ();
  char *space = strrchr (stripped, ' ');

  if (space == NULL)
    b->last_name = g_strdup (stripped);
  else
    {
      b->last_name = g_strdup (space + 1);
      *space = '\0';
      b->first_name = g_strdup (g_strstrip (stripped));
    }
  return b;
}

static void
on_suggestion_list_row_activated (SillonWorkshopPage *self,
                                  GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "beneficiary-id");
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonBeneficiary) b = NULL;
  g_autoptr (GError) error = NULL;

  if (id == NULL || store == NULL)
    return;
  if (*id == 0)
    {
      b = new_person_from_text (gtk_entry_get_text (GTK_ENTRY (self->attendee_entry)));
      if (!sillon_store_insert_beneficiary (store, b, &error))
        {
          /* Translators: %s is the reason. */
          g_autofree char *text = g_strdup_printf (_ ("This person could not be added: %s"), error->message);
          show_message (self, text);
          return;
        }
    }
  else if ((b = sillon_store_get_beneficiary (store, *id, &error)) == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  add_attendee (self, b);
  save_attendance (self);
  gtk_entry_set_text (GTK_ENTRY (self->attendee_entry), "");
  g_clear_pointer (&self->shown_query, g_free);
  update_suggestions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->attendee_entry));
}

/* Enter adds the first person found: the search runs now, not after the
 * search entry's typing delay, so a fast typist adds whom they typed. */
static void
on_attendee_entry_activate (SillonWorkshopPage *self)
{
  GtkListBoxRow *first;

  update_suggestions (self);
  first = gtk_list_box_get_row_at_index (self->suggestion_list, 0);
  if (first != NULL)
    on_suggestion_list_row_activated (self, first);
}

/* Down goes from the typed name to the people found. */
static gboolean
on_attendee_entry_key_press_event (SillonWorkshopPage *self,
                                   GdkEventKey *event)
{
  GtkListBoxRow *first;

  if (event->keyval != GDK_KEY_Down && event->keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;
  update_suggestions (self);
  first = gtk_list_box_get_row_at_index (self->suggestion_list, 0);
  if (first == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

/* Enter on the row the focus is on: the list's own key binding acts on
 * its cursor, which a row given the focus from the entry is not yet. */
static gboolean
on_suggestion_list_key_press_event (SillonWorkshopPage *self,
                                    GdkEventKey *event)
{
  GtkWidget *row = gtk_container_get_focus_child (GTK_CONTAINER (self->suggestion_list));

  if (event->keyval != GDK_KEY_Return && event->keyval != GDK_KEY_KP_Enter && event->keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  if (!GTK_IS_LIST_BOX_ROW (row))
    return GDK_EVENT_PROPAGATE;
  on_suggestion_list_row_activated (self, GTK_LIST_BOX_ROW (row));
  return GDK_EVENT_STOP;
}

/* ── The form ──────────────────────────────────────────────────────────── */

/* Everything the form holds, as text, to tell whether it changed since it
 * was loaded or saved. */
static char *
form_snapshot (SillonWorkshopPage *self)
{
  GString *text = g_string_new (NULL);
  g_auto (GStrv) themes = get_checks (self->themes_box);
  g_auto (GStrv) equipment = get_checks (self->equipment_box);
  g_autofree char *themes_text = g_strjoinv (",", themes);
  g_autofree char *equipment_text = g_strjoinv (",", equipment);
  GtkComboBox *combos[] = { GTK_COMBO_BOX (self->duration_combo), GTK_COMBO_BOX (self->level_combo),
                            GTK_COMBO_BOX (self->place_type_combo) };

  g_string_append_printf (text, "%s\n%s\n", gtk_entry_get_text (self->title_entry), gtk_entry_get_text (self->date_entry));
  for (gsize i = 0; i < G_N_ELEMENTS (combos); i++)
    g_string_append_printf (text, "%s\n", gtk_combo_box_get_active_id (combos[i]) != NULL ? gtk_combo_box_get_active_id (combos[i]) : "");
  g_string_append_printf (text, "%" G_GINT64_FORMAT "\n%s\n%s\n", sillon_place_chooser_get_place_id (self->place_chooser),
                          themes_text, equipment_text);
  for (guint i = 0; i < SILLON_ANON_N_COUNTS; i++)
    g_string_append_printf (text, "%s,", gtk_entry_get_text (GTK_ENTRY (self->anon_spins[i])));
  /* A saved workshop's attendance is written as it is taken. */
  for (guint i = 0; self->workshop_id == 0 && i < self->attendees->len; i++)
    g_string_append_printf (text, "%" G_GINT64_FORMAT ",", g_array_index (self->attendees, gint64, i));
  return g_string_free (text, FALSE);
}

static void
remember_form (SillonWorkshopPage *self)
{
  g_free (self->saved_form);
  self->saved_form = form_snapshot (self);
}

/* Whether leaving the page would lose something typed. */
static gboolean
form_changed (SillonWorkshopPage *self)
{
  g_autofree char *now = NULL;

  if (self->saved_form == NULL)
    return TRUE;
  now = form_snapshot (self);
  return !g_str_equal (now, self->saved_form);
}

static void
set_heading (SillonWorkshopPage *self,
             const char *title)
{
  const char *shown = title != NULL && title[0] != '\0' ? title : _ ("New Workshop");

  gtk_label_set_text (self->heading, shown);
  sillon_page_set_title (SILLON_PAGE (self), shown);
}

static void
show_workshop (SillonWorkshopPage *self,
               const SillonWorkshop *w)
{
  g_autofree char *date = sillon_date_entry_text (w->date);
  g_autofree char *duration = g_strdup_printf ("%u", w->duration_minutes);

  gtk_entry_set_text (self->title_entry, w->title != NULL ? w->title : "");
  gtk_entry_set_text (self->date_entry, date);
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->duration_combo), duration))
    {
      gtk_combo_box_text_append (self->duration_combo, duration, duration);
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->duration_combo), duration);
    }
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->level_combo), w->level != NULL ? w->level : "");
  if (w->place_type == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->place_type_combo), w->place_type))
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->place_type_combo), 0);
  self->showing_checks = TRUE;
  set_checks (self->themes_box, (const char *const *) w->themes);
  set_checks (self->equipment_box, (const char *const *) w->equipment);
  self->showing_checks = FALSE;
  update_plan_heading (self);
  for (guint i = 0; i < SILLON_ANON_N_COUNTS; i++)
    gtk_spin_button_set_value (self->anon_spins[i], w->anon[i]);
  sillon_message_label_set (self->anon_message, NULL);
  update_anon_heading (self);
  /* Folded at first: taking attendance rarely needs them. */
  gtk_expander_set_expanded (self->anon_expander, FALSE);
  set_heading (self, w->title);
}

static void
clear_attendance (SillonWorkshopPage *self)
{
  g_clear_pointer (&self->shown_query, g_free);
  forget_attendee_favour (self);
  drop_pending_rows (self);
  g_array_set_size (self->attendees, 0);
  sillon_list_box_clear (self->attendee_list);
  gtk_entry_set_text (GTK_ENTRY (self->attendee_entry), "");
  sillon_list_box_clear (self->suggestion_list);
  gtk_widget_hide (GTK_WIDGET (self->suggestion_list));
  clear_expected (self);
  update_attendance_label (self);
}

gboolean
sillon_workshop_page_load (SillonWorkshopPage *self,
                           gint64 workshop_id,
                           GError **error)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonWorkshop) w = NULL;

  g_return_val_if_fail (SILLON_IS_WORKSHOP_PAGE (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  show_vocabulary (self, store);
  if (workshop_id != 0)
    {
      w = sillon_store_get_workshop (store, workshop_id, error);
      if (w == NULL)
        return FALSE;
    }
  else
    {
      w = sillon_workshop_new ();
      w->date = sillon_date_today (0);
      w->duration_minutes = DEFAULT_DURATION_MINUTES;
    }

  clear_attendance (self);
  if (workshop_id != 0)
    {
      /* One query for the people on the list, not one a person. */
      g_autoptr (GPtrArray) people = sillon_store_list_workshop_attendees (store, workshop_id, error);

      if (people == NULL)
        return FALSE;
      show_attendees (self, people);
    }
  if (!load_expected (self, store, workshop_id, w, error))
    return FALSE;
  if (!sillon_place_chooser_set_place_id (self->place_chooser, store, w->place_id, error))
    return FALSE;
  self->workshop_id = workshop_id;
  show_workshop (self, w);
  /* A new workshop needs its themes; a saved one opens for its attendance. */
  gtk_expander_set_expanded (self->plan_expander, workshop_id == 0);
  show_message (self, NULL);
  gtk_widget_set_sensitive (self->copy_button, workshop_id != 0);
  remember_form (self);
  return TRUE;
}

gint64
sillon_workshop_page_get_workshop_id (SillonWorkshopPage *self)
{
  g_return_val_if_fail (SILLON_IS_WORKSHOP_PAGE (self), 0);

  return self->workshop_id;
}

void
sillon_workshop_page_clear (SillonWorkshopPage *self)
{
  g_autoptr (SillonWorkshop) empty = sillon_workshop_new ();

  g_return_if_fail (SILLON_IS_WORKSHOP_PAGE (self));

  /* A question still open (the vault locked under it) is answered "stay":
   * destroying its dialog gives no response. */
  if (self->leave_dialog != NULL)
    gtk_widget_destroy (self->leave_dialog);
  if (self->leave_task != NULL)
    {
      g_autoptr (GTask) task = g_steal_pointer (&self->leave_task);

      g_task_return_boolean (task, FALSE);
    }
  self->workshop_id = 0;
  clear_attendance (self);
  sillon_place_chooser_clear (self->place_chooser);
  show_workshop (self, empty);
  gtk_entry_set_text (self->date_entry, "");
  show_message (self, NULL);
  remember_form (self);
}

/* The form as a workshop, or NULL after saying what is wrong and putting
 * the focus there. */
static SillonWorkshop *
read_form (SillonWorkshopPage *self)
{
  g_autoptr (SillonWorkshop) w = sillon_workshop_new ();
  g_autoptr (GError) error = NULL;
  const char *level = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo));
  const char *duration = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->duration_combo));

  w->id = self->workshop_id;
  w->title = sillon_entry_dup_text (self->title_entry);
  if (w->title == NULL)
    {
      show_message (self, _ ("Give the workshop a title, for example “Sending e-mails”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
      return NULL;
    }
  w->date = sillon_date_entry_parse (gtk_entry_get_text (self->date_entry), &error);
  if (w->date == NULL)
    {
      show_message (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
      return NULL;
    }
  w->duration_minutes = duration != NULL ? (guint) g_ascii_strtoull (duration, NULL, 10) : DEFAULT_DURATION_MINUTES;
  w->level = level != NULL && level[0] != '\0' ? g_strdup (level) : NULL;
  w->place_type = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->place_type_combo)));
  w->place_id = sillon_place_chooser_get_place_id (self->place_chooser);
  w->themes = get_checks (self->themes_box);
  if (w->themes[0] == NULL)
    {
      GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (self->themes_box, 0);

      gtk_expander_set_expanded (self->plan_expander, TRUE);
      show_message (self, _ ("Choose at least one theme for the workshop."));
      if (first != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (check_of (GTK_WIDGET (first))));
      return NULL;
    }
  w->equipment = get_checks (self->equipment_box);
  if (!check_anonymous_counts (self))
    {
      gtk_expander_set_expanded (self->anon_expander, TRUE);
      show_message (self, gtk_label_get_text (self->anon_message));
      gtk_widget_grab_focus (GTK_WIDGET (self->anon_spins[SILLON_ANON_TOTAL]));
      return NULL;
    }
  read_anonymous_counts (self, w->anon);
  g_array_append_vals (w->attendees, self->attendees->data, self->attendees->len);
  return g_steal_pointer (&w);
}

/* Saves the form, or says what is wrong and returns FALSE. */
static gboolean
save_workshop (SillonWorkshopPage *self)
{
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (SillonWorkshop) w = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  gboolean saved;

  g_return_val_if_fail (store != NULL, FALSE);

  w = read_form (self);
  if (w == NULL)
    return FALSE;
  saved = w->id != 0 ? sillon_store_update_workshop (store, w, &error)
                     : sillon_store_insert_workshop (store, w, &error);
  if (!saved)
    {
      /* Translators: %s is the reason. */
      g_autofree char *failed = g_strdup_printf (_ ("The workshop was not saved: %s"), error->message);
      show_message (self, failed);
      return FALSE;
    }
  self->workshop_id = w->id;
  gtk_widget_set_sensitive (self->copy_button, TRUE);
  set_heading (self, w->title);
  date = sillon_date_entry_text (w->date);
  /* Translators: %s is a date. */
  text = g_strdup_printf (_ ("Saved: the workshop of %s."), date);
  show_status (self, text);
  remember_form (self);
  return TRUE;
}

static void
on_save_button_clicked (SillonWorkshopPage *self)
{
  save_workshop (self);
}

/* The next workshop of a series: the same workshop a week later, with
 * nobody on it yet. */
static void
on_copy_button_clicked (SillonWorkshopPage *self)
{
  g_autoptr (SillonWorkshop) w = read_form (self);
  g_autofree char *next = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *text = NULL;

  if (w == NULL)
    return;
  next = sillon_date_add_days (w->date, SERIES_INTERVAL_DAYS);
  g_free (w->date);
  w->date = g_steal_pointer (&next);
  memset (w->anon, 0, sizeof w->anon);
  self->workshop_id = 0;
  clear_attendance (self);
  show_workshop (self, w);
  set_heading (self, NULL);
  {
    /* Those who came to this one are expected at the next. */
    SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
    g_autoptr (GError) error = NULL;

    if (store != NULL && !load_expected (self, store, 0, w, &error))
      show_message (self, error->message);
  }
  gtk_widget_set_sensitive (self->copy_button, FALSE);
  /* A copy is a workshop of its own that nobody saved yet. */
  g_clear_pointer (&self->saved_form, g_free);
  shown = sillon_date_entry_text (w->date);
  /* Translators: %s is a date. */
  text = g_strdup_printf (_ ("The next workshop, on %s, is not saved yet: check the date and save it."), shown);
  show_status (self, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
}

/* ── Leaving the page ──────────────────────────────────────────────────── */

static void
on_leave_dialog_response (GtkDialog *dialog,
                          int response,
                          SillonWorkshopPage *self)
{
  g_autoptr (GTask) task = g_steal_pointer (&self->leave_task);
  gboolean leave = FALSE;

  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response == SILLON_LEAVE_QUESTION_DISCARD)
    leave = TRUE;
  else if (response == SILLON_LEAVE_QUESTION_SAVE)
    /* A form that cannot be saved says why, and the mediator stays on it. */
    leave = sillon_page_get_store (SILLON_PAGE (self)) != NULL && save_workshop (self);
  if (task != NULL)
    g_task_return_boolean (task, leave);
}

void
sillon_workshop_page_ask_leave_async (SillonWorkshopPage *self,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  GtkWidget *dialog;
  const char *question;

  g_return_if_fail (SILLON_IS_WORKSHOP_PAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sillon_workshop_page_ask_leave_async);
  if (self->leave_task != NULL)
    {
      /* One question at a time: the one shown gets the answer. */
      gtk_window_present (GTK_WINDOW (self->leave_dialog));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "%s", _ ("Sillon is already asking whether to save the workshop."));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (sillon_page_get_store (SILLON_PAGE (self)) == NULL || !form_changed (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  title = sillon_entry_dup_text (self->title_entry);
  question = self->workshop_id == 0 ? _ ("Save the new workshop?") : _ ("Save the changes to the workshop?");
  detail = title != NULL
               /* Translators: %s is a workshop's title. */
               ? g_strdup_printf (_ ("“%s” is not saved. If you leave without saving, what you entered is lost."), title)
               : g_strdup (_ ("If you leave without saving, what you entered is lost."));
  dialog = sillon_leave_question_new (GTK_WIDGET (self), question, detail, _ ("_Discard"), TRUE);

  self->leave_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->leave_dialog);
  self->leave_task = g_steal_pointer (&task);
  g_signal_connect (dialog, "response", G_CALLBACK (on_leave_dialog_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
sillon_workshop_page_ask_leave_finish (SillonWorkshopPage *self,
                                       GAsyncResult *result,
                                       GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sillon_workshop_page_ask_leave_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_back_question_answered (GObject *source,
                           GAsyncResult *result,
                           gpointer user_data)
{
  SillonWorkshopPage *self = SILLON_WORKSHOP_PAGE (source);

  if (sillon_workshop_page_ask_leave_finish (self, result, NULL))
    g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

/* workshop.back: the header bar's back button and Alt+Left. */
static void
on_back_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  sillon_workshop_page_ask_leave_async (SILLON_WORKSHOP_PAGE (user_data), NULL, on_back_question_answered, NULL);
}

static void
sillon_workshop_page_switch_to (SillonPage *page)
{
  SillonWorkshopPage *self = SILLON_WORKSHOP_PAGE (page);
  GtkWidget *roll_call = first_expected_to_mark (self);

  gtk_widget_grab_default (self->save_button);

  if (self->workshop_id == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  else if (roll_call != NULL)
    gtk_widget_grab_focus (roll_call);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->attendee_entry));
}

static void ask_discard_draft (SillonWorkshopPage *self, GTask *task);

/* The window asks through the page structure (closing, quitting, another
 * area): the same question as the back button's, or, while locked, the
 * one about the workshop kept for the unlock. */
static void
sillon_workshop_page_page_ask_leave_async (SillonPage *page,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer user_data)
{
  SillonWorkshopPage *self = SILLON_WORKSHOP_PAGE (page);

  /* Locked, with a workshop kept for the unlock. */
  if (self->draft != NULL && sillon_page_get_store (page) == NULL)
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, ask_discard_draft);
      ask_discard_draft (self, task);
      return;
    }
  sillon_workshop_page_ask_leave_async (self, cancellable, callback, user_data);
}

/* ── Kept over a lock ──────────────────────────────────────────────────── */

/* What the form holds, as typed, checked by nobody: what the mediator
 * finds again after the unlock. */
static SillonWorkshop *
capture_draft (SillonWorkshopPage *self)
{
  SillonWorkshop *w = sillon_workshop_new ();
  const char *duration = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->duration_combo));
  const char *level = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->level_combo));

  w->id = self->workshop_id;
  w->title = g_strdup (gtk_entry_get_text (self->title_entry));
  w->date = g_strdup (gtk_entry_get_text (self->date_entry));
  w->duration_minutes = duration != NULL ? (guint) g_ascii_strtoull (duration, NULL, 10) : DEFAULT_DURATION_MINUTES;
  w->level = level != NULL && level[0] != '\0' ? g_strdup (level) : NULL;
  w->place_type = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->place_type_combo)));
  w->place_id = sillon_place_chooser_get_place_id (self->place_chooser);
  w->themes = get_checks (self->themes_box);
  w->equipment = get_checks (self->equipment_box);
  read_anonymous_counts (self, w->anon);
  g_array_append_vals (w->attendees, self->attendees->data, self->attendees->len);
  return w;
}

/* The automatic lock neither asks nor waits (nobody may be at the desk):
 * a workshop not saved leaves the widgets, as everything does, but is
 * kept in memory for the unlock, as the session form and the assessment
 * are. */
static void
sillon_workshop_page_locked (SillonPage *page)
{
  SillonWorkshopPage *self = SILLON_WORKSHOP_PAGE (page);

  g_clear_pointer (&self->draft, sillon_workshop_free);
  if (form_changed (self))
    self->draft = capture_draft (self);
  sillon_workshop_page_clear (self);
}

static gboolean
sillon_workshop_page_resume (SillonPage *page,
                             GError **error)
{
  SillonWorkshopPage *self = SILLON_WORKSHOP_PAGE (page);
  SillonStore *store = sillon_page_get_store (page);
  g_autoptr (SillonWorkshop) draft = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *date_text = NULL;

  if (self->draft == NULL || store == NULL)
    return FALSE;
  draft = g_steal_pointer (&self->draft);
  if (!sillon_workshop_page_load (self, draft->id, &local_error))
    {
      /* Deleted meanwhile (from the command line): what was typed is
       * still worth a new workshop. */
      if (!g_error_matches (local_error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      draft->id = 0;
      if (!sillon_workshop_page_load (self, 0, error))
        return FALSE;
    }
  /* show_workshop() takes a date of the vault; the one typed goes back as
   * it was, right or wrong. */
  date_text = g_steal_pointer (&draft->date);
  draft->date = sillon_date_today (0);
  show_workshop (self, draft);
  gtk_entry_set_text (self->date_entry, date_text);
  /* A place or a person erased meanwhile is left out. */
  if (!sillon_place_chooser_set_place_id (self->place_chooser, store, draft->place_id, NULL))
    sillon_place_chooser_clear (self->place_chooser);
  /* A saved workshop's attendance is written as it is taken: loaded. */
  for (guint i = 0; draft->id == 0 && i < draft->attendees->len; i++)
    {
      g_autoptr (SillonBeneficiary) b = sillon_store_get_beneficiary (store, g_array_index (draft->attendees, gint64, i), NULL);

      if (b != NULL)
        add_attendee (self, b);
    }
  show_status (self, _ ("What you typed before the vault locked is back. It is not saved yet."));
  return TRUE;
}

/* Quitting while locked drops the workshop kept for the unlock: asked, with
 * no Save (there is no store to save to). */
static void
on_draft_question_response (GtkDialog *dialog,
                            int response,
                            gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  SillonWorkshopPage *self = g_task_get_source_object (task);

  gtk_widget_destroy (GTK_WIDGET (dialog));
  if (response == SILLON_LEAVE_QUESTION_DISCARD)
    g_clear_pointer (&self->draft, sillon_workshop_free);
  g_task_return_boolean (task, response == SILLON_LEAVE_QUESTION_DISCARD);
}

static void
ask_discard_draft (SillonWorkshopPage *self,
                   GTask *task)
{
  GtkWidget *dialog = sillon_leave_question_new (GTK_WIDGET (self), _ ("Quit and discard the workshop not saved?"),
                                                 _ ("The workshop was not saved when the vault locked: it is kept until the "
                                                    "vault is unlocked. If you quit now, what you entered is lost."),
                                                 _ ("_Discard and Quit"), FALSE);

  g_signal_connect (dialog, "response", G_CALLBACK (on_draft_question_response), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sillon_workshop_page_dispose (GObject *object)
{
  /* No row is added to a list being destroyed. */
  drop_pending_rows (SILLON_WORKSHOP_PAGE (object));
  G_OBJECT_CLASS (sillon_workshop_page_parent_class)->dispose (object);
}

static void
sillon_workshop_page_finalize (GObject *object)
{
  SillonWorkshopPage *self = SILLON_WORKSHOP_PAGE (object);

  g_array_unref (self->attendees);
  g_ptr_array_unref (self->expected);
  g_hash_table_unref (self->expected_checks);
  g_free (self->shown_query);
  forget_attendee_favour (self);
  g_free (self->saved_form);
  g_clear_pointer (&self->draft, sillon_workshop_free);
  g_clear_object (&self->leave_task);
  G_OBJECT_CLASS (sillon_workshop_page_parent_class)->finalize (object);
}

static void
sillon_workshop_page_class_init (SillonWorkshopPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_workshop_page_dispose;
  object_class->finalize = sillon_workshop_page_finalize;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_workshop_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_workshop_page_locked;
  SILLON_PAGE_CLASS (klass)->ask_leave_async = sillon_workshop_page_page_ask_leave_async;
  SILLON_PAGE_CLASS (klass)->resume = sillon_workshop_page_resume;

  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-workshop-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, heading);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, form_box);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, title_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, date_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, duration_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, level_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, place_type_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, place_chooser);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, plan_expander);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, plan_heading);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, themes_box);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, equipment_box);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, expected_label);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, expected_box);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, attendee_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, suggestion_list);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, attendee_list);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, attendance_label);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, anon_expander);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, anon_heading);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, anon_box);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, anon_message);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, message);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, status);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWorkshopPage, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_attendee_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_attendee_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_attendee_entry_key_press_event);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_list_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_suggestion_list_key_press_event);
  gtk_widget_class_bind_template_callback (widget_class, on_save_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_button_clicked);
}

static const GActionEntry actions[] = {
  { "back", on_back_activated, NULL, NULL, NULL, { 0 } },
};

static void
sillon_workshop_page_init (SillonWorkshopPage *self)
{
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();

  self->attendees = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->expected = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_beneficiary_free);
  self->expected_checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_type_ensure (SILLON_TYPE_PLACE_CHOOSER);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (group), actions, G_N_ELEMENTS (actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "workshop", G_ACTION_GROUP (group));
  /* The form scrolls to whatever has the keyboard focus. */
  gtk_container_set_focus_vadjustment (GTK_CONTAINER (self->form_box),
                                       gtk_scrolled_window_get_vadjustment (self->scrolled_window));
  build_anonymous_counts (self);
  update_anon_heading (self);
  update_plan_heading (self);
  update_attendance_label (self);
  remember_form (self);
}
