/* fuzz-stats-bundle.c — libFuzzer target for the statistics bundle reader
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A coordinator opens bundles that arrive by mail or on a USB stick. The
 * first byte of the input picks what is fuzzed: the whole file under a
 * fixed coordinator key (format, recipient, seal), or the payload parser
 * that runs after the signature (what a site could craft, signing it
 * itself). Beyond "no crash": an accepted payload must add up, and the
 * tables it declares must have the cells it holds.
 */

#include "config.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sillon-stats-bundle.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint8 coordinator_secret[32];

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static gboolean ready = FALSE;
  g_autoptr (GError) error = NULL;

  if (!ready)
    {
      guint8 seed[crypto_box_SEEDBYTES] = { 0 };
      guint8 pk[crypto_box_PUBLICKEYBYTES];

      if (sodium_init () < 0)
        abort ();
      crypto_box_seed_keypair (pk, coordinator_secret, seed);
      ready = TRUE;
    }
  if (size < 1)
    return 0;
  if (data[0] & 1)
    {
      SillonStatsBundle *bundle = sillon_stats_bundle_open (data + 1, size - 1, coordinator_secret, &error);

      if ((bundle == NULL) == (error == NULL))
        abort ();
      sillon_stats_bundle_free (bundle);
    }
  else
    {
      guint8 site[SILLON_STATS_KEY_BYTES];
      SillonStatsRelease *release = sillon_stats_bundle_parse_payload ((const char *) data + 1, size - 1, site, &error);

      if ((release == NULL) == (error == NULL))
        abort ();
      if (release != NULL)
        {
          if (!sillon_stats_release_check_consistent (release, NULL))
            abort ();
          for (guint t = 0; t < release->tables->len; t++)
            {
              SillonStatsTable *table = g_ptr_array_index (release->tables, t);

              for (guint i = 0; i < table->n_rows * table->n_cols; i++)
                if (table->grid[i] >= release->vars->len)
                  abort ();
            }
          sillon_stats_release_free (release);
        }
    }
  return 0;
}
