/* sillon-process.c — process-wide set-up every Sillon executable does first
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-process.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <malloc.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

/* ---- SQLite's heap, wiped when freed ---------------------------------- */

/* SQLite's heap holds the vault in plaintext: the decrypted pages of the
 * vault's page cache (up to 32 MiB, released when the vault is locked), the
 * statistics' private in-memory copy of the whole vault, a restore's
 * in-memory database, and every row a query returns. SQLite frees all of
 * it without wiping, so freed blocks kept the data for whatever reuses them,
 * or for a swap file. Every block SQLite allocates is wiped here before it
 * goes back to the C library, and when a realloc moves it. The size comes
 * from malloc_usable_size () (glibc), which SQLite's own allocator uses
 * too: no header is added. */

static gsize sqlite_bytes_wiped;

static void *
wiping_malloc (int n)
{
  return malloc ((size_t) n);
}

static void
wiping_free (void *p)
{
  size_t n;

  if (p == NULL)
    return;
  n = malloc_usable_size (p);
  sodium_memzero (p, n);
  g_atomic_pointer_add (&sqlite_bytes_wiped, n);
  free (p);
}

static void *
wiping_realloc (void *p, int n)
{
  size_t old_size;
  void *moved;

  if (p == NULL)
    return wiping_malloc (n);
  /* Shrinking, or growing within the block: nothing moves. */
  old_size = malloc_usable_size (p);
  if ((size_t) n <= old_size)
    return p;
  moved = malloc ((size_t) n);
  if (moved == NULL)
    return NULL;
  memcpy (moved, p, old_size);
  wiping_free (p);
  return moved;
}

static int
wiping_size (void *p)
{
  return p != NULL ? (int) malloc_usable_size (p) : 0;
}

static int
wiping_roundup (int n)
{
  return (n + 7) & ~7;
}

static int
wiping_init (void *data)
{
  return SQLITE_OK;
}

static void
wiping_shutdown (void *data)
{
}

static const sqlite3_mem_methods wiping_methods = {
  wiping_malloc,
  wiping_free,
  wiping_realloc,
  wiping_size,
  wiping_roundup,
  wiping_init,
  wiping_shutdown,
  NULL,
};

gsize
sillon_process_get_sqlite_bytes_wiped (void)
{
  return (gsize) g_atomic_pointer_get (&sqlite_bytes_wiped);
}

static void
wipe_sqlite_heap (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* Only possible before SQLite's first use: a program that used SQLite
       * before calling sillon_process_init () keeps SQLite's allocator. */
      if (sqlite3_config (SQLITE_CONFIG_MALLOC, &wiping_methods) != SQLITE_OK)
        g_debug ("SQLite was used before sillon_process_init (): its heap is not wiped");
      g_once_init_leave (&done, 1);
    }
}

gboolean
sillon_process_init (GError **error)
{
  struct rlimit no_core = { 0, 0 };

  /* sodium_malloc() and the random generator need this; it is idempotent. */
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("The cryptography library could not start: no secure random source is available."));
      return FALSE;
    }

  /* A crash must not leave a core file holding keys or decrypted pages.
   * Failures here are not fatal (a container may forbid them), so they are
   * only logged for diagnosis. */
  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    g_debug ("Could not disable core files: %s", g_strerror (errno));
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    g_debug ("Could not mark the process as not dumpable: %s", g_strerror (errno));
  wipe_sqlite_heap ();

  return TRUE;
}

void
sillon_process_init_i18n (void)
{
  const char *localedir = g_getenv ("SILLON_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
