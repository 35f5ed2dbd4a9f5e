/* sillon-people-page.c — find or add a person
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-people-page.h"

#include <glib/gi18n.h>

#include "sillon-message-label.h"

/* Enough to recognise someone; a longer list means the search should be
 * narrowed, not scrolled. */
#define MAX_RESULTS 50

struct _SillonPeoplePage
{
  SillonPage parent_instance;

  GtkSearchEntry *search_entry;
  GtkWidget *new_person_button;
  GtkRevealer *form_revealer;
  GtkEntry *first_name_entry;
  GtkEntry *last_name_entry;
  GtkEntry *birth_year_entry;
  GtkEntry *commune_entry;
  GtkLabel *form_message;
  GtkWidget *add_button;
  GtkLabel *list_message;
  GtkListBox *people_list;
  GtkLabel *placeholder_label;
};

G_DEFINE_FINAL_TYPE (SillonPeoplePage, sillon_people_page, SILLON_TYPE_PAGE)

enum
{
  SIGNAL_PERSON_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
sillon_beneficiary_dup_display_name (const SillonBeneficiary *b)
{
  const char *first = b->first_name != NULL ? b->first_name : "";
  const char *last = b->last_name != NULL ? b->last_name : "";

  if (first[0] == '\0' && last[0] == '\0')
    /* Translators: a person recorded without a name; %lld is their number. */
    return g_strdup_printf (_ ("Anonymous person no. %lld"), (long long) b->id);
  if (first[0] == '\0' || last[0] == '\0')
    return g_strdup (first[0] != '\0' ? first : last);
  /* Translators: a full name: %1$s the first name, %2$s the last name. */
  return g_strdup_printf (_ ("%1$s %2$s"), first, last);
}

static char *
describe_person (SillonPeoplePage *self,
                 SillonStore *store,
                 const SillonBeneficiary *b)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (b->birth_year != 0)
    {
      const char *bracket = sillon_store_beneficiary_age_bracket (store, b, NULL, NULL);
      const char *label = bracket != NULL
                              ? sillon_vocabulary_get_display_label (sillon_store_get_vocabulary (store), "TrancheAge", bracket, NULL)
                              : NULL;

      if (label != NULL)
        /* Translators: %1$d is a birth year, %2$s an age bracket such as "60 to 69". */
        g_ptr_array_add (parts, g_strdup_printf (_ ("Born in %1$d (%2$s)"), b->birth_year, label));
      else
        /* Translators: %d is a birth year. */
        g_ptr_array_add (parts, g_strdup_printf (_ ("Born in %d"), b->birth_year));
    }
  else
    g_ptr_array_add (parts, g_strdup (_ ("Birth year unknown")));
  if (b->commune_insee != NULL && b->commune_insee[0] != '\0')
    /* Translators: %s is the INSEE code of a commune. */
    g_ptr_array_add (parts, g_strdup_printf (_ ("commune %s"), b->commune_insee));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
person_row (SillonPeoplePage *self,
            SillonStore *store,
            const SillonBeneficiary *b)
{
  g_autofree char *name = sillon_beneficiary_dup_display_name (b);
  g_autofree char *details = describe_person (self, store, b);
  g_autofree char *spoken = g_strdup_printf ("%s, %s", name, details);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *details_label = gtk_label_new (details);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (name_label), "sillon-person-name");
  gtk_label_set_xalign (GTK_LABEL (details_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details_label), PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (details_label), "dim-label");
  g_object_set (box, "margin-start", 12, "margin-end", 12, "margin-top", 8, "margin-bottom", 8, NULL);
  gtk_container_add (GTK_CONTAINER (box), name_label);
  gtk_container_add (GTK_CONTAINER (box), details_label);
  gtk_container_add (GTK_CONTAINER (row), box);
  atk_object_set_name (gtk_widget_get_accessible (row), spoken);
  g_object_set_data_full (G_OBJECT (row), "beneficiary-id", g_memdup2 (&b->id, sizeof b->id), g_free);
  gtk_widget_show_all (row);
  return row;
}

void
sillon_people_page_refresh (SillonPeoplePage *self)
{
  const char *query = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) rows = gtk_container_get_children (GTK_CONTAINER (self->people_list));
  g_autofree char *folded = g_strstrip (g_strdup (query));

  g_return_if_fail (SILLON_IS_PEOPLE_PAGE (self));

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  sillon_message_label_set (self->list_message, NULL);
  if (store == NULL)
    return;

  if (folded[0] == '\0')
    found = sillon_store_list_beneficiaries (store, MAX_RESULTS, 0, &error);
  else
    found = sillon_store_search_beneficiaries (store, folded, MAX_RESULTS, &error);
  if (found == NULL)
    {
      sillon_message_label_set (self->list_message, error->message);
      return;
    }

  gtk_label_set_text (self->placeholder_label,
                      folded[0] == '\0' ? _ ("Nobody is recorded yet. Add a person with “New Person”.")
                                        : _ ("Nobody matches this search. Check the spelling, or add the person with “New Person”."));
  for (guint i = 0; i < found->len; i++)
    gtk_container_add (GTK_CONTAINER (self->people_list), person_row (self, store, found->pdata[i]));
}

/* The list is read again each time the page is shown: after unlocking,
 * and when coming back from a person who may have changed. */
static void
sillon_people_page_switch_to (SillonPage *page)
{
  SillonPeoplePage *self = SILLON_PEOPLE_PAGE (page);

  sillon_people_page_refresh (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Nobody's name stays behind the lock page, not even in the search. */
static void
sillon_people_page_locked (SillonPage *page)
{
  SillonPeoplePage *self = SILLON_PEOPLE_PAGE (page);

  gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  sillon_people_page_refresh (self);
}

static void
clear_form (SillonPeoplePage *self)
{
  gtk_entry_set_text (self->first_name_entry, "");
  gtk_entry_set_text (self->last_name_entry, "");
  gtk_entry_set_text (self->birth_year_entry, "");
  gtk_entry_set_text (self->commune_entry, "");
  sillon_message_label_set (self->form_message, NULL);
}

void
sillon_people_page_show_new_person_form (SillonPeoplePage *self)
{
  g_return_if_fail (SILLON_IS_PEOPLE_PAGE (self));

  clear_form (self);
  gtk_revealer_set_reveal_child (self->form_revealer, TRUE);
  gtk_widget_grab_default (self->add_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_entry));
}

static void
on_new_person_button_clicked (SillonPeoplePage *self)
{
  sillon_people_page_show_new_person_form (self);
}

static void
on_form_cancel_button_clicked (SillonPeoplePage *self)
{
  clear_form (self);
  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
on_add_button_clicked (SillonPeoplePage *self)
{
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *year = entry_text (self->birth_year_entry);
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));

  g_return_if_fail (store != NULL);

  b->first_name = entry_text (self->first_name_entry);
  b->last_name = entry_text (self->last_name_entry);
  b->commune_insee = entry_text (self->commune_entry);
  if (year != NULL)
    {
      gint64 value = 0;

      /* The store checks the range; here only that it is a number. */
      if (!g_ascii_string_to_signed (year, 10, 1, 9999, &value, NULL))
        {
          sillon_message_label_set (self->form_message, _ ("The birth year must be a year written with four digits, for example 1958."));
          gtk_widget_grab_focus (GTK_WIDGET (self->birth_year_entry));
          return;
        }
      b->birth_year = (int) value;
    }

  if (!sillon_store_insert_beneficiary (store, b, &error))
    {
      sillon_message_label_set (self->form_message, error->message);
      return;
    }

  clear_form (self);
  gtk_revealer_set_reveal_child (self->form_revealer, FALSE);
  sillon_people_page_refresh (self);
  g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0, b->id);
}

static void
on_search_entry_search_changed (SillonPeoplePage *self)
{
  sillon_people_page_refresh (self);
}

/* Enter in the search opens the first person found. */
static void
on_search_entry_activate (SillonPeoplePage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->people_list, 0);

  if (row != NULL)
    g_signal_emit_by_name (self->people_list, "row-activated", row);
}

static void
on_people_list_row_activated (SillonPeoplePage *self,
                              GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "beneficiary-id");

  if (id != NULL)
    g_signal_emit (self, signals[SIGNAL_PERSON_ACTIVATED], 0, *id);
}

static void
sillon_people_page_class_init (SillonPeoplePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  SILLON_PAGE_CLASS (klass)->switch_to = sillon_people_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_people_page_locked;

  /* The beneficiary id of the chosen (or just added) person. */
  signals[SIGNAL_PERSON_ACTIVATED] = g_signal_new ("person-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, new_person_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, form_revealer);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, first_name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, last_name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, birth_year_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, commune_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, form_message);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, list_message);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, people_list);
  gtk_widget_class_bind_template_child (widget_class, SillonPeoplePage, placeholder_label);
  gtk_widget_class_bind_template_callback (widget_class, on_new_person_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_form_cancel_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_people_list_row_activated);
}

static void
sillon_people_page_init (SillonPeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
