/* sillon-commune-entry.c — a commune typed by its name or postal code, kept by its code INSEE
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mediators know where a person lives by its name or its postal code,
 * never by its code INSEE, which is what the statistics need. The entry
 * completes from the official list (sillon-communes, in the core) as the
 * mediator types, with the keyboard as well as the mouse (GtkEntryCompletion:
 * Down, Enter), and keeps the code of the commune chosen. A text typed
 * without choosing still counts when it names exactly one commune.
 */

#include "config.h"

#include "sillon-commune-entry.h"

#include <glib/gi18n.h>

#include "sillon-communes.h"

/* Enough to find a commune among namesakes, short enough to read. */
#define MAX_COMPLETIONS 8
/* Enough to tell one commune among those a text names. */
#define MAX_CANDIDATES 64

enum
{
  COLUMN_LABEL, /* what the list shows: "Rennes (35) · 35000, 35200, 35700" */
  COLUMN_CODE,  /* the code INSEE */
  N_COLUMNS
};

struct _SillonCommuneEntry
{
  GtkEntry parent_instance;

  GtkListStore *model;
  /* The commune chosen or set, until the text changes. */
  char *code;
  /* The entry's text is being set from a choice, not typed. */
  gboolean setting;
};

G_DEFINE_FINAL_TYPE (SillonCommuneEntry, sillon_commune_entry, GTK_TYPE_ENTRY)

GtkWidget *
sillon_commune_entry_new (void)
{
  return g_object_new (SILLON_TYPE_COMMUNE_ENTRY, NULL);
}

static char *
describe_with_postal_codes (SillonCommunes *communes,
                            const SillonCommune *commune)
{
  g_autofree char *name = sillon_communes_describe_code (communes, commune->insee);
  g_autofree char *postal = NULL;

  if (commune->postal_codes == NULL || commune->postal_codes[0] == NULL)
    return g_steal_pointer (&name);
  postal = g_strjoinv (", ", (char **) commune->postal_codes);
  /* Translators: a commune in the completion list: “Rennes (35)”, then
   * its postal codes. */
  return g_strdup_printf (_ ("%s · %s"), name, postal);
}

/* "Rennes (35)", as the entry shows a commune chosen, is read back as the
 * name "Rennes" in the département "35". */
static char *
split_departement (const char *text,
                   char **departement)
{
  const char *open = strrchr (text, '(');
  gsize len = strlen (text);

  *departement = NULL;
  if (open == NULL || open == text || len == 0 || text[len - 1] != ')')
    return g_strdup (text);
  *departement = g_strstrip (g_strndup (open + 1, (gsize) (text + len - 1 - (open + 1))));
  return g_strstrip (g_strndup (text, (gsize) (open - text)));
}

static void
set_text_and_code (SillonCommuneEntry *self,
                   const char *text,
                   const char *code)
{
  /* The code first: a "changed" handler of the entry's owner reads it. */
  g_free (self->code);
  self->code = g_strdup (code);
  self->setting = TRUE;
  gtk_entry_set_text (GTK_ENTRY (self), text);
  self->setting = FALSE;
  /* Nothing to offer once chosen: the list does not pop up again. */
  gtk_list_store_clear (self->model);
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
}

static void
on_changed (SillonCommuneEntry *self)
{
  SillonCommunes *communes;
  g_autofree char *departement = NULL;
  g_autofree char *query = NULL;
  g_autoptr (GPtrArray) found = NULL;

  if (self->setting)
    return;
  g_clear_pointer (&self->code, g_free);
  gtk_list_store_clear (self->model);

  communes = sillon_communes_get_default (NULL);
  if (communes == NULL)
    return;
  query = split_departement (gtk_entry_get_text (GTK_ENTRY (self)), &departement);
  /* A text that is neither a name nor a postal code offers nothing; it is
   * read, and explained, when the form is saved. */
  found = sillon_communes_complete (communes, query, MAX_COMPLETIONS, NULL);
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      const SillonCommune *commune = found->pdata[i];
      g_autofree char *label = describe_with_postal_codes (communes, commune);

      gtk_list_store_insert_with_values (self->model, NULL, -1, COLUMN_LABEL, label, COLUMN_CODE, commune->insee, -1);
    }
}

/* The list is already the completions of the text: show all of it. */
static gboolean
match_everything (GtkEntryCompletion *completion,
                  const char *key,
                  GtkTreeIter *iter,
                  gpointer user_data)
{
  return TRUE;
}

static gboolean
on_match_selected (GtkEntryCompletion *completion,
                   GtkTreeModel *model,
                   GtkTreeIter *iter,
                   SillonCommuneEntry *self)
{
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  SillonCommunes *communes = sillon_communes_get_default (NULL);

  gtk_tree_model_get (model, iter, COLUMN_CODE, &code, -1);
  name = communes != NULL ? sillon_communes_describe_code (communes, code) : g_strdup (code);
  set_text_and_code (self, name, code);
  return TRUE;
}

void
sillon_commune_entry_set_code (SillonCommuneEntry *self,
                               const char *code)
{
  SillonCommunes *communes;
  g_autofree char *name = NULL;

  g_return_if_fail (SILLON_IS_COMMUNE_ENTRY (self));

  if (code == NULL || code[0] == '\0')
    {
      set_text_and_code (self, "", NULL);
      return;
    }
  communes = sillon_communes_get_default (NULL);
  name = communes != NULL ? sillon_communes_describe_code (communes, code) : g_strdup (code);
  set_text_and_code (self, name, code);
}

const char *
sillon_commune_entry_get_code (SillonCommuneEntry *self)
{
  g_return_val_if_fail (SILLON_IS_COMMUNE_ENTRY (self), NULL);

  return self->code;
}

static gboolean
has_postal_code (const SillonCommune *commune,
                 const char *postal)
{
  for (guint i = 0; commune->postal_codes != NULL && commune->postal_codes[i] != NULL; i++)
    if (g_str_equal (commune->postal_codes[i], postal))
      return TRUE;
  return FALSE;
}

/* Among the communes that a text starts, the one it names in full: the
 * same name (and département, if given), or the same postal code. */
static const SillonCommune *
named_exactly (GPtrArray *found,
               const char *query,
               const char *departement)
{
  g_autofree char *key = sillon_communes_normalize_name (query);
  g_autoptr (GString) digits = g_string_new (NULL);
  const SillonCommune *match = NULL;

  /* "42 000" is the postal code 42000. */
  for (const char *p = query; *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (digits, *p);

  for (guint i = 0; i < found->len; i++)
    {
      const SillonCommune *commune = found->pdata[i];
      g_autofree char *name_key = sillon_communes_normalize_name (commune->name);
      gboolean same = g_ascii_isdigit (query[0]) ? has_postal_code (commune, digits->str)
                                                 : g_strcmp0 (name_key, key) == 0;

      if (same && departement != NULL && g_ascii_strcasecmp (departement, commune->departement) != 0)
        same = FALSE;
      if (!same)
        continue;
      if (match != NULL)
        return NULL; /* namesakes: the mediator has to choose */
      match = commune;
    }
  return match;
}

gboolean
sillon_commune_entry_read (SillonCommuneEntry *self,
                           char **code,
                           GError **error)
{
  g_autofree char *text = NULL;
  g_autofree char *departement = NULL;
  g_autofree char *query = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) local_error = NULL;
  const SillonCommune *commune = NULL;
  SillonCommunes *communes;

  g_return_val_if_fail (SILLON_IS_COMMUNE_ENTRY (self), FALSE);
  g_return_val_if_fail (code != NULL && *code == NULL, FALSE);

  text = g_strstrip (g_strdup (gtk_entry_get_text (GTK_ENTRY (self))));
  if (text[0] == '\0')
    return TRUE;
  if (self->code != NULL)
    {
      *code = g_strdup (self->code);
      return TRUE;
    }

  communes = sillon_communes_get_default (&local_error);
  if (communes == NULL)
    {
      /* Without the list, a code INSEE is still a valid answer. */
      g_autofree char *upper = g_ascii_strup (text, -1);

      if (!sillon_communes_check_code (upper, NULL))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *code = g_steal_pointer (&upper);
      return TRUE;
    }

  query = split_departement (text, &departement);
  found = sillon_communes_complete (communes, query, MAX_CANDIDATES, &local_error);
  if (found == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (found->len == 1)
    commune = found->pdata[0];
  else if (found->len > 1)
    commune = named_exactly (found, query, departement);
  /* A code INSEE, as mediators used to type: "35238" is Rennes. */
  if (commune == NULL && sillon_communes_check_code (query, NULL) && departement == NULL)
    {
      g_autofree char *upper = g_ascii_strup (query, -1);

      commune = sillon_communes_lookup (communes, upper, NULL);
      if (commune != NULL && found->len > 0)
        commune = NULL; /* also the start of postal codes: ambiguous */
    }

  if (commune != NULL)
    {
      *code = g_strdup (commune->insee);
      return TRUE;
    }
  if (found->len == 0)
    g_set_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_NOT_FOUND,
                 /* Translators: %s is what the user typed as a commune. */
                 _ ("No commune is called “%s” or has it as postal code. Type the start of the commune’s "
                    "name, for example Rennes, or its postal code, for example 35000, then choose it in the list."),
                 text);
  else
    {
      g_autofree char *example = describe_with_postal_codes (communes, found->pdata[0]);

      g_set_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_QUERY,
                   /* Translators: the first %s is what the user typed, the
                    * second one commune it matches, for example
                    * “Saint-Denis (93) · 93200, 93210”. */
                   _ ("Several communes match “%s”: choose one in the list, for example %s."),
                   text, example);
    }
  return FALSE;
}

static void
sillon_commune_entry_finalize (GObject *object)
{
  SillonCommuneEntry *self = SILLON_COMMUNE_ENTRY (object);

  g_clear_object (&self->model);
  g_free (self->code);
  G_OBJECT_CLASS (sillon_commune_entry_parent_class)->finalize (object);
}

static void
sillon_commune_entry_class_init (SillonCommuneEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sillon_commune_entry_finalize;
}

static void
sillon_commune_entry_init (SillonCommuneEntry *self)
{
  g_autoptr (GtkEntryCompletion) completion = gtk_entry_completion_new ();

  self->model = gtk_list_store_new (N_COLUMNS, G_TYPE_STRING, G_TYPE_STRING);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->model));
  gtk_entry_completion_set_text_column (completion, COLUMN_LABEL);
  gtk_entry_completion_set_match_func (completion, match_everything, NULL, NULL);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_popup_set_width (completion, FALSE);
  g_signal_connect_object (completion, "match-selected", G_CALLBACK (on_match_selected), self, 0);
  /* The list is filled before the completion looks at it. */
  g_signal_connect (self, "changed", G_CALLBACK (on_changed), NULL);
  gtk_entry_set_completion (GTK_ENTRY (self), completion);
}
