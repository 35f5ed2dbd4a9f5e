/* sillon-person-editor.c — correct what is known about a person
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store checks every field (names, year range, INSEE code, e-mail) and
 * says what is wrong; the form only reads the year as a number, and the
 * commune by its name or postal code (SillonCommuneEntry).
 */

#include "config.h"

#include "sillon-person-editor.h"

#include <glib/gi18n.h>

#include "sillon-commune-entry.h"
#include "sillon-dialog-size.h"
#include "sillon-message-label.h"
#include "sillon-widget-util.h"

G_DEFINE_QUARK (sillon - person - editor - error - quark, sillon_person_editor_error)

struct _SillonPersonEditor
{
  GtkDialog parent_instance;

  GtkLabel *message_label;
  GtkEntry *first_name_entry;
  GtkEntry *last_name_entry;
  GtkEntry *birth_year_entry;
  SillonCommuneEntry *commune_entry;
  GtkEntry *phone_entry;
  GtkEntry *email_entry;
  GtkTextView *notes_view;
};

G_DEFINE_FINAL_TYPE (SillonPersonEditor, sillon_person_editor, GTK_TYPE_DIALOG)

static void
set_entry (GtkEntry *entry, const char *text)
{
  gtk_entry_set_text (entry, text != NULL ? text : "");
}

SillonPersonEditor *
sillon_person_editor_new (GtkWindow *parent, const SillonBeneficiary *b)
{
  SillonPersonEditor *self = g_object_new (SILLON_TYPE_PERSON_EDITOR, "use-header-bar", TRUE,
                                           "transient-for", parent, NULL);
  g_autofree char *year = b->birth_year != 0 ? g_strdup_printf ("%d", b->birth_year) : NULL;

  set_entry (self->first_name_entry, b->first_name);
  set_entry (self->last_name_entry, b->last_name);
  set_entry (self->birth_year_entry, year);
  sillon_commune_entry_set_code (self->commune_entry, b->commune_insee);
  set_entry (self->phone_entry, b->phone);
  set_entry (self->email_entry, b->email);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), b->notes != NULL ? b->notes : "", -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_entry));
  return self;
}

gboolean
sillon_person_editor_apply (SillonPersonEditor *self, SillonBeneficiary *b, GError **error)
{
  g_autofree char *year = sillon_entry_dup_text (self->birth_year_entry);
  g_autofree char *commune = NULL;
  gint64 value = 0;

  g_return_val_if_fail (SILLON_IS_PERSON_EDITOR (self), FALSE);

  if (year != NULL && !g_ascii_string_to_signed (year, 10, 1, 9999, &value, NULL))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->birth_year_entry));
      g_set_error_literal (error, SILLON_PERSON_EDITOR_ERROR, SILLON_PERSON_EDITOR_ERROR_INVALID,
                           _ ("The birth year must be a year written with four digits, for example 1958."));
      return FALSE;
    }
  if (!sillon_commune_entry_read (self->commune_entry, &commune, error))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->commune_entry));
      return FALSE;
    }

  g_free (b->first_name);
  b->first_name = sillon_entry_dup_text (self->first_name_entry);
  g_free (b->last_name);
  b->last_name = sillon_entry_dup_text (self->last_name_entry);
  b->birth_year = (int) value;
  g_free (b->commune_insee);
  b->commune_insee = g_steal_pointer (&commune);
  g_free (b->phone);
  b->phone = sillon_entry_dup_text (self->phone_entry);
  g_free (b->email);
  b->email = sillon_entry_dup_text (self->email_entry);
  g_free (b->notes);
  b->notes = sillon_text_view_dup_text (self->notes_view);
  return TRUE;
}

void
sillon_person_editor_show_error (SillonPersonEditor *self, const char *message)
{
  g_return_if_fail (SILLON_IS_PERSON_EDITOR (self));

  gboolean was_shown = gtk_widget_get_visible (GTK_WIDGET (self->message_label));

  sillon_message_label_set (self->message_label, message);
  if (!was_shown)
    sillon_dialog_grow_within_screen (GTK_WINDOW (self), GTK_WIDGET (self->message_label));
}

static void
sillon_person_editor_class_init (SillonPersonEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (SILLON_TYPE_COMMUNE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPersonEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonEditor, first_name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonEditor, last_name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonEditor, birth_year_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonEditor, commune_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonEditor, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonEditor, email_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPersonEditor, notes_view);
}

static void
sillon_person_editor_init (SillonPersonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
