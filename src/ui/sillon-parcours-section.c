/* sillon-parcours-section.c — a trainee's parcours on their page
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A parcours is the list of steps planned with a trainee: workshops and
 * individual sessions, each with its date (or none yet), ticked when done.
 * The section shows in one line what was done and what is next, and opens
 * on the steps and a row to plan another. Each change is written at once,
 * like the sessions of the timeline: nothing waits unwritten.
 *
 * A person may follow several parcours, one after the other: all of them
 * show, newest first, each under a heading with its title, the day it
 * started and how far it went, its steps below. New steps go to the
 * newest; "Start a New Parcours" begins another once one is over. The
 * first parcours is created with the first step planned.
 */

#include "config.h"

#include "sillon-parcours-section.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sillon-date-entry.h"
#include "sillon-list-row.h"
#include "sillon-message-label.h"
#include "sillon-page.h"
#include "sillon-widget-util.h"

/* The kind combo's id of a step that is an individual session; a workshop
 * step's id is the workshop's id. */
#define KIND_SESSION "session"
/* Upcoming workshops offered as a step: enough for a season. */
#define MAX_WORKSHOPS 40

struct _SillonParcoursSection
{
  GtkBox parent_instance;

  gint64 beneficiary_id;
  /* SillonParcours*, newest first: new steps go to the first. Empty until
   * the first step is planned. */
  GPtrArray *all;

  GtkExpander *expander;
  GtkLabel *summary_label;
  GtkListBox *step_list;
  GtkComboBoxText *kind_combo;
  GtkEntry *label_entry;
  GtkEntry *date_entry;
  GtkLabel *message;
  GtkWidget *new_parcours_button;
};

G_DEFINE_FINAL_TYPE (SillonParcoursSection, sillon_parcours_section, GTK_TYPE_BOX)

/* "7 December 2026, Sending e-mails", or the label alone when the step has
 * no date yet. */
static char *
step_text (const SillonParcoursItem *item)
{
  g_autofree char *date = item->planned_date != NULL ? sillon_date_format (item->planned_date) : NULL;
  const char *label = item->label != NULL ? item->label : "";
  const char *kind = item->workshop_id != 0 ? _ ("workshop") : _ ("individual session");

  if (date != NULL)
    /* Translators: a step of a parcours: its date, what it is, and its kind
     * ("workshop" or "individual session"). */
    return g_strdup_printf (_ ("%s, %s (%s)"), date, label, kind);
  /* Translators: a step of a parcours without a date: what it is and its
   * kind ("workshop" or "individual session"). */
  return g_strdup_printf (_ ("%s (%s), no date yet"), label, kind);
}

/* The newest parcours: the one the new steps go to. */
static SillonParcours *
current (SillonParcoursSection *self)
{
  return self->all->len > 0 ? g_ptr_array_index (self->all, 0) : NULL;
}

static guint
count_done (const SillonParcours *parcours)
{
  guint done = 0;

  for (guint i = 0; i < parcours->items->len; i++)
    if (((const SillonParcoursItem *) g_ptr_array_index (parcours->items, i))->done)
      done++;
  return done;
}

static void
update_summary (SillonParcoursSection *self)
{
  GPtrArray *items = current (self) != NULL ? current (self)->items : NULL;
  const SillonParcoursItem *next = NULL;
  guint done = 0, total = items != NULL ? items->len : 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < total; i++)
    {
      const SillonParcoursItem *item = g_ptr_array_index (items, i);

      if (item->done)
        done++;
      else if (next == NULL)
        next = item;
    }
  if (total == 0)
    text = g_strdup (_ ("Parcours: no step planned yet"));
  else if (next == NULL)
    /* Translators: every step of a trainee's parcours is done. */
    text = g_strdup_printf (ngettext ("Parcours: the step is done", "Parcours: all %u steps done", total), total);
  else
    {
      g_autofree char *what = step_text (next);

      /* Translators: the first %u is the number of steps done, the second
       * the number planned, %s the next step. */
      text = g_strdup_printf (ngettext ("Parcours: %u of %u step done · next: %s",
                                        "Parcours: %u of %u steps done · next: %s", total),
                              done, total, what);
    }
  if (self->all->len > 1)
    {
      guint earlier = self->all->len - 1;
      /* Translators: %s says where the newest parcours stands, %u is the
       * number of the person's earlier parcours, shown below it. */
      g_autofree char *with_earlier = g_strdup_printf (ngettext ("%s · %u earlier parcours", "%s · %u earlier parcours", earlier),
                                                       text, earlier);

      g_free (text);
      text = g_steal_pointer (&with_earlier);
    }
  gtk_label_set_text (self->summary_label, text);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->expander)), text);
}

static gboolean save (SillonParcoursSection *self, SillonParcours *parcours);
static void refresh_headings (SillonParcoursSection *self);
static void show_steps (SillonParcoursSection *self);

static void
on_done_toggled (GtkToggleButton *check,
                 SillonParcoursSection *self)
{
  SillonParcoursItem *item = g_object_get_data (G_OBJECT (check), "sillon-item");
  SillonParcours *parcours = g_object_get_data (G_OBJECT (check), "sillon-parcours");
  gboolean was = item->done;

  item->done = gtk_toggle_button_get_active (check);
  if (item->done != was && !save (self, parcours))
    {
      item->done = was;
      g_signal_handlers_block_by_func (check, on_done_toggled, self);
      gtk_toggle_button_set_active (check, was);
      g_signal_handlers_unblock_by_func (check, on_done_toggled, self);
      return;
    }
  refresh_headings (self);
  update_summary (self);
}

static void
on_remove_clicked (GtkButton *button,
                   SillonParcoursSection *self)
{
  SillonParcoursItem *item = g_object_get_data (G_OBJECT (button), "sillon-item");
  SillonParcours *parcours = g_object_get_data (G_OBJECT (button), "sillon-parcours");
  guint index;

  if (parcours == NULL || !g_ptr_array_find (parcours->items, item, &index))
    return;
  /* Taken out of the list before writing, put back if the write fails. */
  g_ptr_array_steal_index (parcours->items, index);
  if (!save (self, parcours))
    {
      g_ptr_array_insert (parcours->items, (int) index, item);
      return;
    }
  sillon_parcours_item_free (item);
  show_steps (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->label_entry));
}

static GtkWidget *
step_row (SillonParcoursSection *self,
          SillonParcours *parcours,
          SillonParcoursItem *item)
{
  g_autofree char *text = step_text (item);
  /* Translators: the accessible name of a button; %s is a step of a parcours. */
  g_autofree char *remove_name = g_strdup_printf (_ ("Remove the step: %s"), text);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new_with_label (text);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic", GTK_ICON_SIZE_BUTTON);
  GtkWidget *label = gtk_bin_get_child (GTK_BIN (check));

  g_object_set (box, "margin-start", 6, "margin-end", 6, "margin-top", 2, "margin-bottom", 2, NULL);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (check, TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), item->done);
  gtk_widget_set_tooltip_text (check, _ ("Tick the step once it is done"));
  g_object_set_data (G_OBJECT (check), "sillon-item", item);
  g_object_set_data (G_OBJECT (check), "sillon-parcours", parcours);
  g_signal_connect (check, "toggled", G_CALLBACK (on_done_toggled), self);

  gtk_button_set_relief (GTK_BUTTON (remove), GTK_RELIEF_NONE);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _ ("Remove this step"));
  atk_object_set_name (gtk_widget_get_accessible (remove), remove_name);
  g_object_set_data (G_OBJECT (remove), "sillon-item", item);
  g_object_set_data (G_OBJECT (remove), "sillon-parcours", parcours);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);

  gtk_container_add (GTK_CONTAINER (box), check);
  gtk_container_add (GTK_CONTAINER (box), remove);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  atk_object_set_name (gtk_widget_get_accessible (row), text);
  gtk_widget_show_all (row);
  return row;
}

/* A parcours' heading among several: "E-mail and forms, started on
 * 3 March 2026: 2 of 4 steps done". Read by a screen reader as the rows
 * are walked; not a control. */
/* The day @parcours started, in the UI's language ("3 March 2026"). */
static char *
started_on (const SillonParcours *parcours)
{
  g_autoptr (GDateTime) created = g_date_time_new_from_unix_local (parcours->created_unix);
  g_autofree char *iso = created != NULL ? g_date_time_format (created, "%Y-%m-%d") : NULL;
  char *date = iso != NULL ? sillon_date_format (iso) : NULL;

  return date != NULL ? date : g_strdup ("");
}

/* "E-mail and forms, started on 3 March 2026": tells a person's parcours
 * apart. */
static char *
parcours_name (const SillonParcours *parcours)
{
  g_autofree char *date = started_on (parcours);

  /* Translators: a parcours' title and the day it started. */
  return g_strdup_printf (_ ("%s, started on %s"), parcours->title != NULL ? parcours->title : _ ("Parcours"), date);
}

static char *
heading_text (const SillonParcours *parcours)
{
  g_autofree char *date = started_on (parcours);
  const char *title = parcours->title != NULL ? parcours->title : _ ("Parcours");
  guint total = parcours->items->len;
  char *text;

  if (total == 0)
    /* Translators: a parcours' heading: its title and the day it started. */
    text = g_strdup_printf (_ ("%s, started on %s: no step planned yet"), title, date);
  else
    /* Translators: a parcours' heading: its title, the day it started,
     * the steps done and planned. */
    text = g_strdup_printf (ngettext ("%s, started on %s: %u of %u step done", "%s, started on %s: %u of %u steps done", total),
                            title, date, count_done (parcours), total);
  return text;
}

static GtkWidget *
heading_row (const SillonParcours *parcours)
{
  g_autofree char *text = heading_text (parcours);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label;

  label = gtk_label_new (text);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set (label, "margin-start", 6, "margin-end", 6, "margin-top", 6, "margin-bottom", 2, NULL);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "sillon-heading");
  gtk_container_add (GTK_CONTAINER (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_can_focus (row, FALSE);
  atk_object_set_name (gtk_widget_get_accessible (row), text);
  g_object_set_data (G_OBJECT (row), "sillon-heading-of", (gpointer) parcours);
  gtk_widget_show_all (row);
  return row;
}

/* A step ticked: its parcours' heading counts it, the rows stay (and the
 * keyboard focus with them). */
static void
refresh_headings (SillonParcoursSection *self)
{
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->step_list));

  for (GList *l = rows; l != NULL; l = l->next)
    {
      const SillonParcours *parcours = g_object_get_data (l->data, "sillon-heading-of");
      g_autofree char *text = NULL;

      if (parcours == NULL)
        continue;
      text = heading_text (parcours);
      gtk_label_set_text (GTK_LABEL (gtk_bin_get_child (GTK_BIN (l->data))), text);
      atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (l->data)), text);
    }
}

static void
show_steps (SillonParcoursSection *self)
{
  guint rows = 0;

  sillon_list_box_clear (self->step_list);
  for (guint p = 0; p < self->all->len; p++)
    {
      SillonParcours *parcours = g_ptr_array_index (self->all, p);

      /* One parcours needs no heading: the section's says it all. */
      if (self->all->len > 1)
        {
          gtk_container_add (GTK_CONTAINER (self->step_list), heading_row (parcours));
          rows++;
        }
      for (guint i = 0; i < parcours->items->len; i++, rows++)
        {
          GtkWidget *row = step_row (self, parcours, g_ptr_array_index (parcours->items, i));

          /* A screen reader moving from step to step hears which parcours
           * each belongs to; the heading rows take no focus. */
          if (self->all->len > 1)
            {
              g_autofree char *which = parcours_name (parcours);

              atk_object_set_description (gtk_widget_get_accessible (row), which);
            }
          gtk_container_add (GTK_CONTAINER (self->step_list), row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->step_list), rows > 0);
  /* Another parcours starts once there is one, with steps: a new one
   * still empty takes the next step. */
  gtk_widget_set_visible (self->new_parcours_button, self->all->len > 0);
  gtk_widget_set_sensitive (self->new_parcours_button, current (self) != NULL && current (self)->items->len > 0);
  update_summary (self);
}

/* Writes @parcours as it is in memory, or says why not; one that could
 * not be created is dropped. */
static gboolean
save (SillonParcoursSection *self,
      SillonParcours *parcours)
{
  SillonStore *store = sillon_page_get_store_of (GTK_WIDGET (self));
  g_autoptr (GError) error = NULL;
  gboolean saved;

  if (store == NULL || parcours == NULL)
    return FALSE;
  saved = parcours->id != 0 ? sillon_store_update_parcours (store, parcours, &error)
                            : sillon_store_insert_parcours (store, parcours, &error);
  if (!saved)
    {
      /* Translators: %s is the reason. */
      g_autofree char *text = g_strdup_printf (_ ("The parcours was not saved: %s"), error->message);

      if (parcours->id == 0)
        g_ptr_array_remove (self->all, parcours);
      sillon_message_label_set (self->message, text);
      return FALSE;
    }
  sillon_message_label_set (self->message, NULL);
  return TRUE;
}

/* Dated steps in date order, the others after them in the order they were
 * planned: what is next is the first step not done. */
static gint
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const SillonParcoursItem *x = *(const SillonParcoursItem *const *) a;
  const SillonParcoursItem *y = *(const SillonParcoursItem *const *) b;

  if (x->planned_date == NULL || y->planned_date == NULL)
    return (x->planned_date == NULL) - (y->planned_date == NULL);
  return strcmp (x->planned_date, y->planned_date);
}

static void
fill_kinds (SillonParcoursSection *self,
            SillonStore *store)
{
  g_autofree char *today = sillon_date_today (0);
  g_autoptr (GPtrArray) workshops = sillon_store_list_workshops (store, today, NULL, NULL);

  gtk_combo_box_text_remove_all (self->kind_combo);
  gtk_combo_box_text_append (self->kind_combo, KIND_SESSION, _ ("Individual session"));
  /* Most recent first from the store: the soonest should come first. */
  for (guint i = workshops != NULL ? workshops->len : 0, n = 0; i > 0 && n < MAX_WORKSHOPS; i--, n++)
    {
      const SillonWorkshop *w = g_ptr_array_index (workshops, i - 1);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, w->id);
      g_autofree char *date = sillon_date_format (w->date);
      /* Translators: a workshop offered as a step: its date and title. */
      g_autofree char *text = g_strdup_printf (_ ("Workshop: %s, %s"), date, w->title);

      gtk_combo_box_text_append (self->kind_combo, id, text);
    }
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->kind_combo), 0);
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->kind_combo), NULL);
}

/* A workshop chosen as the step fills in its title and date. */
static void
on_kind_combo_changed (SillonParcoursSection *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  SillonStore *store = sillon_page_get_store_of (GTK_WIDGET (self));
  g_autoptr (SillonWorkshop) w = NULL;
  g_autofree char *date = NULL;

  if (id == NULL || g_str_equal (id, KIND_SESSION) || store == NULL)
    return;
  w = sillon_store_get_workshop (store, g_ascii_strtoll (id, NULL, 10), NULL);
  if (w == NULL)
    return;
  date = sillon_date_entry_text (w->date);
  gtk_entry_set_text (self->label_entry, w->title != NULL ? w->title : "");
  gtk_entry_set_text (self->date_entry, date);
}

/* A parcours of the person's, newest of all, not written yet. */
static SillonParcours *
new_parcours (SillonParcoursSection *self)
{
  SillonParcours *parcours = sillon_parcours_new ();

  parcours->beneficiary_id = self->beneficiary_id;
  parcours->title = g_strdup (_ ("Parcours"));
  g_ptr_array_insert (self->all, 0, parcours);
  return parcours;
}

/* Once a parcours is over, the next steps belong to another. */
static void
on_new_parcours_button_clicked (SillonParcoursSection *self)
{
  if (self->beneficiary_id == 0)
    return;
  if (!save (self, new_parcours (self)))
    return;
  show_steps (self);
  sillon_message_label_set (self->message, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->label_entry));
}

static void
on_add_button_clicked (SillonParcoursSection *self)
{
  g_autoptr (SillonParcoursItem) item = sillon_parcours_item_new ();
  g_autofree char *label = g_strstrip (g_strdup (gtk_entry_get_text (self->label_entry)));
  g_autofree char *date_text = g_strstrip (g_strdup (gtk_entry_get_text (self->date_entry)));
  const char *kind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->kind_combo));
  g_autoptr (GError) error = NULL;
  SillonParcours *parcours;
  gboolean created = FALSE;

  if (self->beneficiary_id == 0)
    return;
  if (label[0] == '\0')
    {
      if (kind != NULL && g_str_equal (kind, KIND_SESSION))
        {
          g_free (label);
          label = g_strdup (_ ("Individual session"));
        }
      else
        {
          sillon_message_label_set (self->message, _ ("Say what the step is, for example “Set up an e-mail address”."));
          gtk_widget_grab_focus (GTK_WIDGET (self->label_entry));
          return;
        }
    }
  if (date_text[0] != '\0')
    {
      item->planned_date = sillon_date_entry_parse (date_text, &error);
      if (item->planned_date == NULL)
        {
          sillon_message_label_set (self->message, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->date_entry));
          return;
        }
    }
  item->label = g_steal_pointer (&label);
  item->workshop_id = kind != NULL && !g_str_equal (kind, KIND_SESSION) ? g_ascii_strtoll (kind, NULL, 10) : 0;

  parcours = current (self);
  if (parcours == NULL)
    {
      parcours = new_parcours (self);
      created = TRUE;
    }
  g_ptr_array_add (parcours->items, item);
  if (!save (self, parcours))
    {
      /* save() dropped a parcours it could not create, with the step. */
      if (!created)
        g_ptr_array_remove_index (parcours->items, parcours->items->len - 1);
      item = NULL;
      show_steps (self);
      return;
    }
  item = NULL; /* the parcours owns it now */
  g_ptr_array_sort (parcours->items, compare_steps);
  show_steps (self);
  gtk_entry_set_text (self->label_entry, "");
  gtk_entry_set_text (self->date_entry, "");
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->kind_combo), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->label_entry));
}

gboolean
sillon_parcours_section_load (SillonParcoursSection *self,
                              SillonStore *store,
                              gint64 beneficiary_id,
                              GError **error)
{
  g_autoptr (GPtrArray) all = NULL;

  g_return_val_if_fail (SILLON_IS_PARCOURS_SECTION (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  all = sillon_store_list_parcours (store, beneficiary_id, error);
  if (all == NULL)
    return FALSE;
  if (self->beneficiary_id != beneficiary_id)
    {
      gtk_entry_set_text (self->label_entry, "");
      gtk_entry_set_text (self->date_entry, "");
      gtk_expander_set_expanded (self->expander, FALSE);
    }
  self->beneficiary_id = beneficiary_id;
  g_ptr_array_set_size (self->all, 0);
  /* The store gives them oldest first. */
  for (guint i = all->len; i > 0; i--)
    {
      SillonParcours *parcours = g_ptr_array_steal_index (all, i - 1);

      g_ptr_array_sort (parcours->items, compare_steps);
      g_ptr_array_add (self->all, parcours);
    }
  fill_kinds (self, store);
  sillon_message_label_set (self->message, NULL);
  show_steps (self);
  return TRUE;
}

void
sillon_parcours_section_clear (SillonParcoursSection *self)
{
  g_return_if_fail (SILLON_IS_PARCOURS_SECTION (self));

  self->beneficiary_id = 0;
  g_ptr_array_set_size (self->all, 0);
  gtk_combo_box_text_remove_all (self->kind_combo);
  gtk_entry_set_text (self->label_entry, "");
  gtk_entry_set_text (self->date_entry, "");
  gtk_expander_set_expanded (self->expander, FALSE);
  sillon_message_label_set (self->message, NULL);
  show_steps (self);
}

static void
sillon_parcours_section_finalize (GObject *object)
{
  SillonParcoursSection *self = SILLON_PARCOURS_SECTION (object);

  g_ptr_array_unref (self->all);
  G_OBJECT_CLASS (sillon_parcours_section_parent_class)->finalize (object);
}

static void
sillon_parcours_section_class_init (SillonParcoursSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sillon_parcours_section_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-parcours-section.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonParcoursSection, expander);
  gtk_widget_class_bind_template_child (widget_class, SillonParcoursSection, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SillonParcoursSection, step_list);
  gtk_widget_class_bind_template_child (widget_class, SillonParcoursSection, kind_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonParcoursSection, label_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonParcoursSection, date_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonParcoursSection, message);
  gtk_widget_class_bind_template_child (widget_class, SillonParcoursSection, new_parcours_button);
  gtk_widget_class_bind_template_callback (widget_class, on_new_parcours_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_combo_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked);
}

static void
sillon_parcours_section_init (SillonParcoursSection *self)
{
  self->all = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_parcours_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  show_steps (self);
}
