/* sillon-preferences-window.c — the mediator's and the structure's settings
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each control is bound to its GSettings key, so that a change applies at
 * once, everywhere: the auto-lock reads its delay at every check, and the
 * lock screen follows the structure's name.
 */

#include "config.h"

#include "sillon-preferences-window.h"

#include <glib/gi18n.h>

#include "sillon-commune-entry.h"
#include "sillon-message-label.h"
#include "sillon-widget-util.h"

struct _SillonPreferencesWindow
{
  GtkWindow parent_instance;

  GSettings *settings;

  GtkSpinButton *auto_lock_spin;
  GtkComboBoxText *place_type_combo;
  GtkComboBoxText *duration_combo;
  GtkEntry *structure_name_entry;
  SillonCommuneEntry *structure_commune_entry;
  GtkLabel *structure_commune_message;
  GtkComboBoxText *sheet_language_combo;
};

G_DEFINE_FINAL_TYPE (SillonPreferencesWindow, sillon_preferences_window, GTK_TYPE_WINDOW)

/* The place types of the national vocabulary (TypeLieu), whose labels
 * there are French only: the UI's own, translated. */
static const struct
{
  const char *api;
  const char *label;
} place_types[] = {
  { "lieu_activite", N_ ("At the structure") },
  { "domicile", N_ ("At the person’s home") },
  { "a_distance", N_ ("Remotely") },
  { "autre", N_ ("Somewhere else") },
};

/* The national choices of a session's duration (Duree). */
static const guint durations[] = { 15, 30, 45, 60, 90, 120 };

static char *
duration_label (guint minutes)
{
  if (minutes < 60)
    /* Translators: a session's duration in minutes. */
    return g_strdup_printf (_ ("%u min"), minutes);
  if (minutes % 60 == 0)
    /* Translators: a session's duration in hours. */
    return g_strdup_printf (ngettext ("%u hour", "%u hours", minutes / 60), minutes / 60);
  /* Translators: a session's duration: hours, then minutes. */
  return g_strdup_printf (_ ("%u h %02u"), minutes / 60, minutes % 60);
}

/* The duration combo box's ids are the minutes, as text. */
static gboolean
minutes_to_id (GValue *value,
               GVariant *variant,
               gpointer user_data)
{
  g_value_take_string (value, g_strdup_printf ("%u", g_variant_get_uint32 (variant)));
  return TRUE;
}

static GVariant *
id_to_minutes (const GValue *value,
               const GVariantType *expected_type,
               gpointer user_data)
{
  guint64 minutes = 0;

  if (g_value_get_string (value) == NULL ||
      !g_ascii_string_to_unsigned (g_value_get_string (value), 10, 15, 120, &minutes, NULL))
    return NULL;
  return g_variant_new_uint32 ((guint32) minutes);
}

/* An INSEE code: five characters, digits but for Corsica's 2A and 2B. */
/* Saved only when the text names one commune (chosen in the list, or typed
 * in full: a name, a postal code, a code INSEE); otherwise the message says
 * what a valid value looks like, and the setting keeps its last valid code. */
static void
on_structure_commune_entry_changed (SillonPreferencesWindow *self)
{
  g_autofree char *code = NULL;
  g_autoptr (GError) error = NULL;

  if (!sillon_commune_entry_read (self->structure_commune_entry, &code, &error))
    {
      sillon_message_label_set (self->structure_commune_message, error->message);
      return;
    }
  sillon_message_label_set (self->structure_commune_message, NULL);
  g_settings_set_string (self->settings, "structure-commune", code != NULL ? code : "");
}

/* Escape closes the window, as in every GNOME preferences window; a combo
 * box's open list sees the key first. */
static gboolean
sillon_preferences_window_key_press_event (GtkWidget *widget,
                                           GdkEventKey *event)
{
  if (event->keyval == GDK_KEY_Escape && (event->state & gtk_accelerator_get_default_mod_mask ()) == 0)
    {
      gtk_window_close (GTK_WINDOW (widget));
      return GDK_EVENT_STOP;
    }
  return GTK_WIDGET_CLASS (sillon_preferences_window_parent_class)->key_press_event (widget, event);
}

static void
sillon_preferences_window_dispose (GObject *object)
{
  SillonPreferencesWindow *self = SILLON_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (sillon_preferences_window_parent_class)->dispose (object);
}

static void
sillon_preferences_window_class_init (SillonPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_preferences_window_dispose;
  widget_class->key_press_event = sillon_preferences_window_key_press_event;

  g_type_ensure (SILLON_TYPE_COMMUNE_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonPreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, SillonPreferencesWindow, place_type_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonPreferencesWindow, duration_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonPreferencesWindow, structure_name_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPreferencesWindow, structure_commune_entry);
  gtk_widget_class_bind_template_child (widget_class, SillonPreferencesWindow, structure_commune_message);
  gtk_widget_class_bind_template_child (widget_class, SillonPreferencesWindow, sheet_language_combo);
  gtk_widget_class_bind_template_callback (widget_class, on_structure_commune_entry_changed);
}

static void
sillon_preferences_window_init (SillonPreferencesWindow *self)
{
  g_autofree char *commune = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APPLICATION_ID);

  for (gsize i = 0; i < G_N_ELEMENTS (place_types); i++)
    gtk_combo_box_text_append (self->place_type_combo, place_types[i].api, _ (place_types[i].label));
  for (gsize i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", durations[i]);
      g_autofree char *label = duration_label (durations[i]);
      gtk_combo_box_text_append (self->duration_combo, id, label);
    }
  gtk_combo_box_text_append (self->sheet_language_combo, "fr", _ ("French"));
  gtk_combo_box_text_append (self->sheet_language_combo, "en", _ ("English"));
  /* GTK gives a combo box's drop-down list no name of its own. */
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->place_type_combo), _ ("Default place of a session"));
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->duration_combo), _ ("Default duration of a session"));
  sillon_combo_box_name_popup (GTK_COMBO_BOX (self->sheet_language_combo), _ ("Default language of sheets"));

  g_settings_bind (self->settings, "auto-lock-minutes", self->auto_lock_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "default-place-type", self->place_type_combo, "active-id", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "default-session-minutes", self->duration_combo, "active-id",
                                G_SETTINGS_BIND_DEFAULT, minutes_to_id, id_to_minutes, NULL, NULL);
  g_settings_bind (self->settings, "structure-name", self->structure_name_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sheet-language", self->sheet_language_combo, "active-id", G_SETTINGS_BIND_DEFAULT);
  /* Not bound: the setting keeps the code INSEE, the entry shows the
   * commune's name, and a text that names no commune is not saved. */
  commune = g_settings_get_string (self->settings, "structure-commune");
  sillon_commune_entry_set_code (self->structure_commune_entry, commune);
}

GtkWidget *
sillon_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (SILLON_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
