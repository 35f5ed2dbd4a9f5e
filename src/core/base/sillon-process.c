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
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

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
