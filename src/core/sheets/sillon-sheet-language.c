/* sillon-sheet-language.c — the language of a printed sheet, independent of the interface's
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-sheet-language.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "sillon-data.h"
#include "sillon-date-format.h"
#include "sillon-sheet-error.h"

#define LANGUAGES_FILE "sheet-languages.json"
#define MO_MAGIC 0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

struct _SillonSheetLanguage
{
  char *code;
  gboolean rtl;
  char *date_format;
  GHashTable *messages; /* "context\004msgid" or "msgid" → translation */
};

SillonSheetLanguage *
sillon_sheet_language_new (const char *code, gboolean rtl, const char *date_format)
{
  SillonSheetLanguage *language = g_new0 (SillonSheetLanguage, 1);

  language->code = g_strdup (code);
  language->rtl = rtl;
  language->date_format = g_strdup (date_format != NULL ? date_format : "{day} {month} {year}");
  language->messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return language;
}

void
sillon_sheet_language_free (SillonSheetLanguage *language)
{
  if (language == NULL)
    return;
  g_free (language->code);
  g_free (language->date_format);
  g_hash_table_unref (language->messages);
  g_free (language);
}

void
sillon_sheet_language_add_message (SillonSheetLanguage *language,
                                   const char *context,
                                   const char *msgid,
                                   const char *msgstr)
{
  char *key = context != NULL ? g_strconcat (context, "\004", msgid, NULL) : g_strdup (msgid);

  g_hash_table_replace (language->messages, key, g_strdup (msgstr));
}

const char *
sillon_sheet_language_get_code (SillonSheetLanguage *language)
{
  return language->code;
}

gboolean
sillon_sheet_language_is_rtl (SillonSheetLanguage *language)
{
  return language->rtl;
}

const char *
sillon_sheet_language_gettext (SillonSheetLanguage *language, const char *msgid)
{
  const char *text = g_hash_table_lookup (language->messages, msgid);

  return text != NULL && text[0] != '\0' ? text : msgid;
}

const char *
sillon_sheet_language_pgettext (SillonSheetLanguage *language, const char *context, const char *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *text = g_hash_table_lookup (language->messages, key);

  return text != NULL && text[0] != '\0' ? text : msgid;
}

const char *
sillon_sheet_language_translate (const char *context, const char *msgid, gpointer user_data)
{
  SillonSheetLanguage *language = user_data;

  return context != NULL ? sillon_sheet_language_pgettext (language, context, msgid)
                         : sillon_sheet_language_gettext (language, msgid);
}

char *
sillon_sheet_language_format_date (SillonSheetLanguage *language, const char *iso_date)
{
  int year, month, day;
  char tail;
  g_autoptr (GString) text = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *year_text = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  day_text = g_strdup_printf ("%d", day);
  year_text = g_strdup_printf ("%04d", year);
  text = g_string_new (language->date_format);
  g_string_replace (text, "{day}", day_text, 0);
  g_string_replace (text, "{month}", sillon_sheet_language_pgettext (language, "month", sillon_month_msgid (month)), 0);
  g_string_replace (text, "{year}", year_text, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---------------------------------------------------------------------- */
/* Reading a gettext catalogue (the GNU .mo format: a header, then two
 * tables of (length, offset) pairs for the originals and translations). */

static gboolean
mo_read_u32 (const guint8 *data, gsize size, gsize offset, gboolean swapped, guint32 *out)
{
  guint32 v;

  if (offset > size || size - offset < 4)
    return FALSE;
  memcpy (&v, data + offset, 4);
  *out = swapped ? GUINT32_SWAP_LE_BE (v) : v;
  return TRUE;
}

static gboolean
mo_read_string (const guint8 *data, gsize size, gsize table, guint32 index, gboolean swapped, const char **out, gsize *out_length)
{
  guint32 length, offset;

  if (!mo_read_u32 (data, size, table + 8 * (gsize) index, swapped, &length) ||
      !mo_read_u32 (data, size, table + 8 * (gsize) index + 4, swapped, &offset))
    return FALSE;
  /* The string and its terminating NUL must lie inside the file. */
  if (offset > size || length >= size - offset || data[offset + length] != '\0')
    return FALSE;
  *out = (const char *) data + offset;
  *out_length = length;
  return TRUE;
}

static gboolean
load_catalogue (SillonSheetLanguage *language, const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize size;
  const guint8 *data;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (!g_file_get_contents (path, &contents, &size, &local_error))
    {
      g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_NO_TRANSLATION,
                   /* Translators: %s is a language code such as "fr", then the system's reason. */
                   _ ("The translation of the sheets into “%s” is not installed: %s"), language->code,
                   local_error->message);
      return FALSE;
    }
  data = (const guint8 *) contents;
  if (!mo_read_u32 (data, size, 0, FALSE, &magic) || (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED))
    goto malformed;
  swapped = magic == MO_MAGIC_SWAPPED;
  if (!mo_read_u32 (data, size, 8, swapped, &n) || !mo_read_u32 (data, size, 12, swapped, &originals) ||
      !mo_read_u32 (data, size, 16, swapped, &translations))
    goto malformed;
  for (guint32 i = 0; i < n; i++)
    {
      const char *msgid, *msgstr;
      gsize msgid_length, msgstr_length;

      if (!mo_read_string (data, size, originals, i, swapped, &msgid, &msgid_length) ||
          !mo_read_string (data, size, translations, i, swapped, &msgstr, &msgstr_length))
        goto malformed;
      /* Plural entries hold "singular\0plural": the key is the singular and
       * the text its first form. The header (empty msgid) is skipped. */
      if (msgid[0] == '\0')
        continue;
      g_hash_table_replace (language->messages, g_strdup (msgid), g_strdup (msgstr));
    }
  return TRUE;

malformed:
  g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_NO_TRANSLATION,
               /* Translators: %s is a language code such as "fr". */
               _ ("The translation of the sheets into “%s” is damaged: reinstall Sillon"), language->code);
  return FALSE;
}

static JsonArray *
load_language_list (JsonParser *parser, GError **error)
{
  g_autoptr (GBytes) bytes = sillon_data_load (LANGUAGES_FILE, error);
  JsonNode *root;
  JsonObject *object;
  JsonNode *languages;

  if (bytes == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
    goto invalid;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;
  object = json_node_get_object (root);
  languages = json_object_get_member (object, "languages");
  if (languages == NULL || !JSON_NODE_HOLDS_ARRAY (languages))
    goto invalid;
  return json_node_get_array (languages);

invalid:
  g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_INVALID_DATA,
               _ ("The list of sheet languages is damaged: reinstall Sillon"));
  return NULL;
}

GStrv
sillon_sheet_language_list_codes (GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();
  JsonArray *languages = load_language_list (parser, error);

  if (languages == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (languages); i++)
    {
      JsonNode *node = json_array_get_element (languages, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          const char *code = json_object_get_string_member_with_default (json_node_get_object (node), "code", NULL);
          if (code != NULL)
            g_strv_builder_add (codes, code);
        }
    }
  return g_strv_builder_end (codes);
}

char *
sillon_sheet_language_dup_name (const char *code)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *languages = code != NULL ? load_language_list (parser, NULL) : NULL;

  for (guint i = 0; languages != NULL && i < json_array_get_length (languages); i++)
    {
      JsonNode *node = json_array_get_element (languages, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (entry != NULL && g_strcmp0 (json_object_get_string_member_with_default (entry, "code", NULL), code) == 0)
        return g_strdup (json_object_get_string_member_with_default (entry, "name", NULL));
    }
  return NULL;
}

static SillonSheetLanguage *
language_load (const char *code, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *languages = load_language_list (parser, error);

  if (languages == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (languages); i++)
    {
      JsonNode *node = json_array_get_element (languages, i);
      JsonObject *entry;
      const char *catalogue;
      g_autoptr (SillonSheetLanguage) language = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "code", NULL), code) != 0)
        continue;

      language = sillon_sheet_language_new (code,
                                            g_strcmp0 (json_object_get_string_member_with_default (entry, "direction", "ltr"), "rtl") == 0,
                                            json_object_get_string_member_with_default (entry, "date", NULL));
      catalogue = json_object_get_string_member_with_default (entry, "catalogue", NULL);
      if (catalogue != NULL)
        {
          /* Where the process bound its text domain: the installed
           * translations, or the build tree's when SILLON_LOCALEDIR says so. */
          const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
          g_autofree char *mo = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);
          g_autofree char *path = g_build_filename (dir != NULL ? dir : LOCALEDIR, catalogue, "LC_MESSAGES", mo, NULL);

          if (!load_catalogue (language, path, error))
            return NULL;
        }
      return g_steal_pointer (&language);
    }

  g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_UNKNOWN_LANGUAGE,
               /* Translators: %s is what was given as a language code. */
               _ ("Sheets cannot be printed in “%s”: the sheet languages are listed by “sillon-cli sheet --help”"), code);
  return NULL;
}

static GMutex languages_lock;
static GHashTable *loaded_languages;

static void
ensure_loaded_table (void)
{
  if (loaded_languages == NULL)
    loaded_languages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) sillon_sheet_language_free);
}

gboolean
sillon_sheet_language_register (SillonSheetLanguage *language)
{
  gboolean added = FALSE;

  g_mutex_lock (&languages_lock);
  ensure_loaded_table ();
  if (!g_hash_table_contains (loaded_languages, language->code))
    {
      g_hash_table_insert (loaded_languages, g_strdup (language->code), language);
      added = TRUE;
    }
  g_mutex_unlock (&languages_lock);
  if (!added)
    sillon_sheet_language_free (language);
  return added;
}

SillonSheetLanguage *
sillon_sheet_language_get (const char *code, GError **error)
{
  SillonSheetLanguage *language;

  if (code == NULL || code[0] == '\0')
    code = SILLON_SHEET_LANGUAGE_DEFAULT;

  g_mutex_lock (&languages_lock);
  ensure_loaded_table ();
  language = g_hash_table_lookup (loaded_languages, code);
  if (language == NULL)
    {
      language = language_load (code, error);
      if (language != NULL)
        g_hash_table_insert (loaded_languages, g_strdup (code), language);
    }
  g_mutex_unlock (&languages_lock);
  return language;
}
