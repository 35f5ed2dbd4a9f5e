/* sillon-person-form.c — the new-person form, which catches duplicates
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person recorded twice splits their story in two: the form looks for
 * the people who already look like the new one before adding, and a
 * duplicate is only ever added on purpose. The commune is typed by its
 * name or postal code and kept by its code INSEE (SillonCommuneEntry).
 */

#include "config.h"

#include "sillon-person-form.h"

#include <glib/gi18n.h>

#include "sillon-commune-entry.h"
#include "sillon-message-label.h"
#include "sillon-page.h"
#include "sillon-people-page.h"
#include "sillon-widget-util.h"

struct _SillonPersonForm
{
  GtkBox parent_instance;

  /* The duplicate shown, and whether the mediator chose to add anyway. */
  gint64 duplicate_id;
  gboolean add_anyway;

  GtkEntry *first_name_entry;
  GtkEntry *last_name_entry;
  GtkEntry *birth_year_entry;
  SillonCommuneEntry *commune_entry;
  GtkLabel *form_notice;
  GtkLabel *form_message;
  GtkWidget *duplicate_box;
  GtkLabel *duplicate_label;
  GtkWidget *open_existing_button;
  GtkWidget *add_button;
};

G_DEFINE_FINAL_TYPE (SillonPersonForm, sillon_person_form, GTK_TYPE_BOX)

/* What was typed, as it was typed, checked by nobody: kept in memory over
 * a lock. The commune by its code when one was chosen in the list, else
 * by the text typed. */
struct _SillonPersonFormDraft
{
  char *first_name;
  char *last_name;
  char *birth_year;
  char *commune_text;
  char *commune_code;
};

enum
{
  SIGNAL_ADDED,
  SIGNAL_OPEN_EXISTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
sillon_person_form_new (void)
{
  return g_object_new (SILLON_TYPE_PERSON_FORM, NULL);
}

static void
hide_duplicate (SillonPersonForm *self)
{
  self->duplicate_id = 0;
  self->add_anyway = FALSE;
  gtk_widget_hide (self->duplicate_box);
  gtk_label_set_text (self->duplicate_label, "");
  gtk_button_set_label (GTK_BUTTON (self->add_button), _ ("_Add Person"));
  gtk_style_context_add_class (gtk_widget_get_style_context (self->add_button), "suggested-action");
}

void
sillon_person_form_clear (SillonPersonForm *self)
{
  g_return_if_fail (SILLON_IS_PERSON_FORM (self));

  gtk_entry_set_text (self->first_name_entry, "");
  gtk_entry_set_text (self->last_name_entry, "");
  gtk_entry_set_text (self->birth_year_entry, "");
  sillon_commune_entry_set_code (self->commune_entry, NULL);
  sillon_message_label_set (self->form_notice, NULL);
  sillon_message_label_set (self->form_message, NULL);
  hide_duplicate (self);
}

gboolean
sillon_person_form_has_input (SillonPersonForm *self)
{
  GtkEntry *entries[] = { self->first_name_entry, self->last_name_entry, self->birth_year_entry,
                          GTK_ENTRY (self->commune_entry) };

  g_return_val_if_fail (SILLON_IS_PERSON_FORM (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *text = sillon_entry_dup_text (entries[i]);

      if (text != NULL)
        return TRUE;
    }
  return FALSE;
}

SillonPersonFormDraft *
sillon_person_form_get_draft (SillonPersonForm *self)
{
  SillonPersonFormDraft *draft;

  g_return_val_if_fail (SILLON_IS_PERSON_FORM (self), NULL);

  if (!sillon_person_form_has_input (self))
    return NULL;
  draft = g_new0 (SillonPersonFormDraft, 1);
  draft->first_name = g_strdup (gtk_entry_get_text (self->first_name_entry));
  draft->last_name = g_strdup (gtk_entry_get_text (self->last_name_entry));
  draft->birth_year = g_strdup (gtk_entry_get_text (self->birth_year_entry));
  draft->commune_text = g_strdup (gtk_entry_get_text (GTK_ENTRY (self->commune_entry)));
  draft->commune_code = g_strdup (sillon_commune_entry_get_code (self->commune_entry));
  return draft;
}

void
sillon_person_form_set_draft (SillonPersonForm *self,
                              const SillonPersonFormDraft *draft)
{
  g_return_if_fail (SILLON_IS_PERSON_FORM (self));
  g_return_if_fail (draft != NULL);

  sillon_person_form_clear (self);
  gtk_entry_set_text (self->first_name_entry, draft->first_name);
  gtk_entry_set_text (self->last_name_entry, draft->last_name);
  gtk_entry_set_text (self->birth_year_entry, draft->birth_year);
  if (draft->commune_code != NULL)
    sillon_commune_entry_set_code (self->commune_entry, draft->commune_code);
  else
    gtk_entry_set_text (GTK_ENTRY (self->commune_entry), draft->commune_text);
}

void
sillon_person_form_draft_free (SillonPersonFormDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->first_name);
  g_free (draft->last_name);
  g_free (draft->birth_year);
  g_free (draft->commune_text);
  g_free (draft->commune_code);
  g_free (draft);
}

void
sillon_person_form_set_notice (SillonPersonForm *self,
                               const char *text)
{
  g_return_if_fail (SILLON_IS_PERSON_FORM (self));

  sillon_message_label_set (self->form_notice, text);
}

void
sillon_person_form_focus (SillonPersonForm *self)
{
  g_return_if_fail (SILLON_IS_PERSON_FORM (self));

  gtk_widget_grab_default (self->add_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_entry));
}

/* Any change to the person makes the duplicate question stale. */
static void
on_field_changed (SillonPersonForm *self)
{
  if (self->duplicate_id != 0)
    hide_duplicate (self);
  sillon_message_label_set (self->form_message, NULL);
}

static gboolean
refuse (SillonPersonForm *self,
        GtkEntry *entry,
        const char *message)
{
  sillon_message_label_set (self->form_message, message);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  return FALSE;
}

/* Reads the form into @b; says what a valid value looks like otherwise. */
static gboolean
read_form (SillonPersonForm *self,
           SillonBeneficiary *b)
{
  g_autofree char *year = sillon_entry_dup_text (self->birth_year_entry);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  int this_year = g_date_time_get_year (now);

  b->first_name = sillon_entry_dup_text (self->first_name_entry);
  b->last_name = sillon_entry_dup_text (self->last_name_entry);
  if (!sillon_commune_entry_read (self->commune_entry, &b->commune_insee, &error))
    return refuse (self, GTK_ENTRY (self->commune_entry), error->message);
  if (year != NULL)
    {
      gint64 value = 0;

      if (!g_ascii_string_to_signed (year, 10, 1900, this_year, &value, NULL))
        {
          /* Translators: %d is the current year. */
          g_autofree char *text = g_strdup_printf (_ ("The birth year is a year with four digits, between 1900 and %d, for example 1958."),
                                                   this_year);
          return refuse (self, self->birth_year_entry, text);
        }
      b->birth_year = (int) value;
    }
  return TRUE;
}

static void
show_duplicate (SillonPersonForm *self,
                SillonStore *store,
                gint64 id)
{
  g_autoptr (SillonBeneficiary) existing = sillon_store_get_beneficiary (store, id, NULL);
  g_autofree char *name = existing != NULL ? sillon_beneficiary_dup_display_name (existing) : g_strdup ("");
  g_autofree char *text = NULL;

  if (existing != NULL && existing->birth_year != 0)
    /* Translators: %1$s is a person's name, %2$d their birth year. */
    text = g_strdup_printf (_ ("%1$s, born in %2$d, is already recorded. Is it the same person?"), name, existing->birth_year);
  else
    /* Translators: %s is a person's name. */
    text = g_strdup_printf (_ ("%s is already recorded. Is it the same person?"), name);
  self->duplicate_id = id;
  gtk_label_set_text (self->duplicate_label, text);
  gtk_widget_show (self->duplicate_box);
  /* Adding now needs a second press, on a button that says so. */
  gtk_button_set_label (GTK_BUTTON (self->add_button), _ ("_Add Anyway"));
  /* One suggested action: opening the person already recorded. */
  gtk_style_context_remove_class (gtk_widget_get_style_context (self->add_button), "suggested-action");
  self->add_anyway = TRUE;
  gtk_widget_grab_focus (self->open_existing_button);
}

gboolean
sillon_person_form_add (SillonPersonForm *self)
{
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (GError) error = NULL;
  SillonStore *store = sillon_page_get_store_of (GTK_WIDGET (self));

  g_return_val_if_fail (SILLON_IS_PERSON_FORM (self), FALSE);
  g_return_val_if_fail (store != NULL, FALSE);

  sillon_message_label_set (self->form_message, NULL);
  if (!read_form (self, b))
    return FALSE;

  if (!self->add_anyway && (b->first_name != NULL || b->last_name != NULL))
    {
      g_autoptr (GPtrArray) duplicates = sillon_store_find_duplicates (store, b, &error);

      if (duplicates == NULL)
        {
          sillon_message_label_set (self->form_message, error->message);
          return FALSE;
        }
      for (guint i = 0; i < duplicates->len; i++)
        {
          const SillonDuplicate *d = duplicates->pdata[i];

          if (d->score >= SILLON_STORE_DUPLICATE_MIN_SCORE)
            {
              show_duplicate (self, store, d->beneficiary_id);
              return FALSE;
            }
        }
    }

  if (!sillon_store_insert_beneficiary (store, b, &error))
    {
      sillon_message_label_set (self->form_message, error->message);
      return FALSE;
    }
  sillon_person_form_clear (self);
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, b->id);
  return TRUE;
}

static void
on_add_button_clicked (SillonPersonForm *self)
{
  sillon_person_form_add (self);
}

static void
on_open_existing_button_clicked (SillonPersonForm *self)
{
  gint64 id = self->duplicate_id;

  if (id == 0)
    return;
  sillon_person_form_clear (self);
  g_signal_emit (self, signals[SIGNAL_OPEN_EXISTING], 0, id);
}

static void
sillon_person_form_class_init (SillonPersonFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SILLON_TYPE_COMMUNE_ENTRY);
  signals[SIGNAL_ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_OPEN_EXISTING] = g_signal_new ("open-existing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-person-form.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, first_name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, last_name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, birth_year_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, commune_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, form_notice);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, form_message);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, duplicate_box);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, open_existing_button);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonForm, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_existing_button_clicked);
}

static void
sillon_person_form_init (SillonPersonForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
