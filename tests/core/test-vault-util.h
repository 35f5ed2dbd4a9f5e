/* test-vault-util.h — file helpers shared by the tests that damage vaults
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

static inline GBytes *
vault_test_get_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static inline void
vault_test_put_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* SQLite's WAL header checksum over its first 24 bytes, recomputed as anyone
 * without the keys can, in the byte order the magic's low bit names. */
static inline void
vault_test_rechecksum_wal_header (guint8 *h)
{
  gboolean big = h[3] & 1;
  guint32 s0 = 0, s1 = 0;

  for (int i = 0; i < 24; i += 8)
    {
      guint32 a = big ? ((guint32) h[i] << 24 | h[i + 1] << 16 | h[i + 2] << 8 | h[i + 3])
                      : ((guint32) h[i + 3] << 24 | h[i + 2] << 16 | h[i + 1] << 8 | h[i]);
      guint32 b = big ? ((guint32) h[i + 4] << 24 | h[i + 5] << 16 | h[i + 6] << 8 | h[i + 7])
                      : ((guint32) h[i + 7] << 24 | h[i + 6] << 16 | h[i + 5] << 8 | h[i + 4]);

      s0 += a + s1;
      s1 += b + s0;
    }
  vault_test_put_be32 (h + 24, s0);
  vault_test_put_be32 (h + 28, s1);
}
