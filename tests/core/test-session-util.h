/* test-session-util.h — a new vault, opened as the application opens it
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sillon-vault-session.h"
#include "sillon-vault.h"

/* Creates a vault at @path for the mediator @mediator (a fast key
 * derivation: a test has no attacker to slow down), forgets its recovery
 * key and opens it with @passphrase as the application does. */
static inline SillonVaultSession *
session_test_create_and_open (const char *path,
                              const char *mediator,
                              const char *passphrase)
{
  SillonVaultCreateOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  SillonVaultSession *session;
  char *recovery = NULL;

  options.kdf_target_ms = 1;
  {
    g_autoptr (SillonVault) vault = sillon_vault_create (path, mediator, passphrase, &options, &recovery, &error);

    g_assert_no_error (error);
    sillon_vault_free_secret (recovery);
    sillon_vault_lock (vault);
  }
  session = sillon_vault_session_open (path, passphrase, "test", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}
