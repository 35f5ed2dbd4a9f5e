/* bench-attendance.c — the keys that taking a workshop's attendance by name costs
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/bench/attendance-bench.sh on a vault holding the reference
 * dataset. Reads the passphrase, then the people to add (one "first|last"
 * a line), from standard input. Counts, as the workshop page shows the people
 * found (MAX_SHOWN rows, those already on the list left out), the keys a
 * mediator presses to add them one after the other to a new workshop dated
 * today, in each typing model:
 *   - first_last_top: "Prénom Nom" letter by letter (accents left out) until
 *     the person is the first one found, then Enter (the UI benchmark's
 *     model, tests/bench/workshops_bench.py);
 *   - first_last_down: the same, but a person already shown in the first
 *     rows is reached with Down (at most MAX_DOWN) instead of more letters;
 *   - last_first_top and last_first_down: "NOM Prénom", as French forms
 *     write a name.
 * Each model runs with the plain search (sillon_store_search_beneficiaries)
 * and with the workshop page's (the people seen at a workshop in the last
 * weeks favoured: sillon_store_search_beneficiaries_favouring), and every
 * search call is timed. Prints "name<TAB>value" lines. Never part of the
 * test suite.
 */

#include "config.h"

#include "bench-util.h"

/* The workshop page's MAX_SUGGESTIONS. */
#define MAX_SHOWN 5
/* A person seen in the first three rows is taken with Down. */
#define MAX_DOWN 2

typedef struct
{
  char *first, *last;
  gint64 id;
} Person;

/* Letters without their accents, as a mediator types a name the search
 * folds anyway. */
static char *
plain_letters (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Where @id is among the people shown for @typed (those in @attending
 * left out), -1 if not shown. */
static int
shown_at (SillonStore *store,
          const char *typed,
          const SillonSearchFavour *favour,
          GHashTable *attending,
          gint64 id,
          GArray *samples)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  double start = bench_now_ms (), elapsed;
  int row = 0;

  found = sillon_store_search_beneficiaries_favouring (store, typed, favour,
                                                       MAX_SHOWN + 1 + g_hash_table_size (attending), &error);
  elapsed = bench_now_ms () - start;
  bench_check (found != NULL, error);
  g_array_append_val (samples, elapsed);
  for (guint i = 0; i < found->len && row < MAX_SHOWN; i++)
    {
      SillonBeneficiary *b = found->pdata[i];

      if (g_hash_table_contains (attending, &b->id))
        continue;
      if (b->id == id)
        return row;
      row++;
    }
  return -1;
}

/* The keys to add every person of @people in one model. */
static guint
count_keys (SillonStore *store,
            GPtrArray *people,
            gboolean last_first,
            gboolean down,
            const SillonSearchFavour *favour,
            GArray *samples)
{
  g_autoptr (GHashTable) attending = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint keys = 0;

  for (guint i = 0; i < people->len; i++)
    {
      Person *p = people->pdata[i];
      g_autofree char *name = last_first ? g_strdup_printf ("%s %s", p->last, p->first)
                                         : g_strdup_printf ("%s %s", p->first, p->last);
      g_autofree char *typed = plain_letters (name);
      glong length = g_utf8_strlen (typed, -1);
      int row = -1;

      for (glong n = 1; n <= length; n++)
        {
          g_autofree char *prefix = g_utf8_substring (typed, 0, n);

          keys++;
          if (g_str_has_suffix (prefix, " "))
            continue;
          row = shown_at (store, prefix, favour, attending, p->id, samples);
          if (row == 0 || (down && row >= 0 && row <= MAX_DOWN))
            break;
        }
      if (row < 0)
        {
          g_printerr ("%s is not among the people shown for the whole name\n", name);
          exit (1);
        }
      /* Down to the row, Enter. */
      keys += (guint) row + 1;
      g_hash_table_add (attending, &p->id);
    }
  return keys;
}

int
main (int argc,
      char **argv)
{
  char passphrase[256], line[512];
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (GPtrArray) people = g_ptr_array_new ();
  g_autoptr (SillonSearchFavour) favour = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GArray) favour_samples = g_array_new (FALSE, FALSE, sizeof (double));
  const struct
  {
    const char *name;
    gboolean last_first, down;
  } models[] = {
    { "first_last_top", FALSE, FALSE },
    { "first_last_down", FALSE, TRUE },
    { "last_first_top", TRUE, FALSE },
    { "last_first_down", TRUE, TRUE },
  };

  if (argc != 2 || !bench_read_passphrase (passphrase, sizeof passphrase))
    {
      g_printerr ("usage: %s VAULT <<< \"passphrase\\nfirst|last…\"\n", argv[0]);
      return 2;
    }
  store = bench_open_store (argv[1], passphrase, &vault);
  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto (GStrv) fields = NULL;
      g_autoptr (GPtrArray) found = NULL;
      Person *p;

      line[strcspn (line, "\n")] = '\0';
      fields = g_strsplit (line, "|", 2);
      if (g_strv_length (fields) != 2)
        continue;
      p = g_new0 (Person, 1);
      p->first = g_strdup (fields[0]);
      p->last = g_strdup (fields[1]);
      /* The one person of that name (the script chooses such people). */
      found = sillon_store_search_beneficiaries (store, line, 50, &error);
      bench_check (found != NULL, error);
      for (guint i = 0; i < found->len && p->id == 0; i++)
        {
          SillonBeneficiary *b = found->pdata[i];

          if (g_strcmp0 (b->first_name, p->first) == 0 && g_strcmp0 (b->last_name, p->last) == 0)
            p->id = b->id;
        }
      bench_check (p->id != 0, NULL);
      g_ptr_array_add (people, p);
    }
  for (int run = 0; run < 20; run++)
    {
      double start = bench_now_ms (), elapsed;

      g_clear_pointer (&favour, sillon_search_favour_free);
      favour = sillon_store_favour_recent_attendees (store, 0, today, 0, &error);
      bench_check (favour != NULL, error);
      elapsed = bench_now_ms () - start;
      g_array_append_val (favour_samples, elapsed);
    }
  g_print ("people\t%u\n", people->len);
  g_print ("favoured_people\t%u\n", sillon_search_favour_get_size (favour));
  g_print ("favour_read_median_ms\t%.2f\n", bench_percentile (favour_samples, 0.5));
  for (int favoured = 0; favoured <= 1; favoured++)
    for (gsize m = 0; m < G_N_ELEMENTS (models); m++)
      {
        g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
        guint keys = count_keys (store, people, models[m].last_first, models[m].down, favoured ? favour : NULL, samples);

        g_print ("%s%s_keys\t%u\n", models[m].name, favoured ? "_favoured" : "", keys);
        g_print ("%s%s_search_median_ms\t%.2f\n", models[m].name, favoured ? "_favoured" : "",
                 bench_percentile (samples, 0.5));
        g_print ("%s%s_search_p95_ms\t%.2f\n", models[m].name, favoured ? "_favoured" : "",
                 bench_percentile (samples, 0.95));
      }
  return 0;
}
