/* sillon-vault-session.c — one open vault: the vault, its store, the journal and the mediator
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vault-session.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

struct _SillonVaultSession
{
  GObject parent_instance;

  SillonVault *vault;
  SillonStore *store;  /* on the vault's connection: freed before it closes */
  guint8 *journal_key; /* sodium_malloc */
  gint64 mediator_id;  /* 0: no mediator holds the slot that unlocked */
  char *mediator_name; /* the unlocking slot's label; "" if unknown */
  gboolean locked;
};

G_DEFINE_FINAL_TYPE (SillonVaultSession, sillon_vault_session, G_TYPE_OBJECT)

enum
{
  SIGNAL_LOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
sillon_vault_session_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "sillon", "vault.sillon", NULL);
}

/* ── Opening ───────────────────────────────────────────────────────────── */

static char *
slot_label (SillonVault *vault)
{
  g_autoptr (GPtrArray) slots = sillon_vault_list_slots (vault, NULL);
  guint unlocked = sillon_vault_get_unlocked_slot (vault);

  for (guint i = 0; slots != NULL && i < slots->len; i++)
    {
      SillonVaultSlotInfo *info = g_ptr_array_index (slots, i);
      if (info->index == unlocked)
        return g_strdup (info->label);
    }
  return g_strdup ("");
}

/* Takes @vault, freshly unlocked, and opens everything else on it. On
 * failure the vault is locked again: no caller is left holding keys it did
 * not ask for. */
static SillonVaultSession *
session_new_on_vault (SillonVault *vault,
                      const char *via,
                      GError **error)
{
  g_autoptr (SillonVaultSession) self = g_object_new (SILLON_TYPE_VAULT_SESSION, NULL);

  self->vault = vault;
  self->mediator_name = slot_label (vault);
  self->store = sillon_store_new (sillon_vault_get_db (vault), error);
  if (self->store == NULL)
    return NULL;
  self->journal_key = sillon_journal_derive_key (vault, error);
  if (self->journal_key == NULL)
    return NULL;
  /* Every unlock is journaled: who opened the vault, when, with which
   * keyslot, from the application or the command line. */
  if (!sillon_journal_record_open (vault, self->store, self->journal_key, via, &self->mediator_id, error))
    return NULL;
  return g_steal_pointer (&self);
}

SillonVaultSession *
sillon_vault_session_open (const char *path,
                           const char *passphrase,
                           const char *via,
                           GCancellable *cancellable,
                           GError **error)
{
  SillonVault *vault;

  g_return_val_if_fail (path != NULL && passphrase != NULL && via != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  vault = sillon_vault_open (path, passphrase, error);
  if (vault == NULL)
    return NULL;
  return session_new_on_vault (vault, via, error);
}

/* ── In a worker thread ────────────────────────────────────────────────── */

/* What the worker needs. The secret is copied into guarded memory and wiped
 * when the task ends, so that it does not linger on the heap. */
typedef struct
{
  char *path;
  char *mediator_name;
  char *passphrase; /* sodium_malloc */
  char *via;
  SillonVaultCreateOptions options;
  char *recovery_key; /* sodium_malloc, from sillon_vault_create */
} SessionJob;

static char *
secret_dup (const char *text)
{
  size_t len = strlen (text);
  char *copy = sodium_malloc (len + 1);

  /* sodium_malloc fails only when the process is out of memory, as g_malloc
   * would abort. */
  g_assert (copy != NULL);
  memcpy (copy, text, len + 1);
  return copy;
}

static void
session_job_free (SessionJob *job)
{
  g_free (job->path);
  g_free (job->mediator_name);
  g_free (job->via);
  if (job->passphrase != NULL)
    sodium_free (job->passphrase);
  if (job->recovery_key != NULL)
    sillon_vault_free_secret (job->recovery_key);
  g_free (job);
}

/* Creates the vault (and its private folder), then opens it as
 * sillon_vault_session_open() does. The recovery key goes to the job
 * whenever the vault file was created: see
 * sillon_vault_session_create_finish(). */
static SillonVaultSession *
session_create (SessionJob *job,
                GCancellable *cancellable,
                GError **error)
{
  g_autofree char *dir = g_path_get_dirname (job->path);
  SillonVault *vault;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The vault's folder holds nothing but the vault: private to the user. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      /* Translators: the first %s is a folder, the second the system's reason. */
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  vault = sillon_vault_create (job->path, job->mediator_name, job->passphrase, &job->options, &job->recovery_key, error);
  if (vault == NULL)
    return NULL;
  return session_new_on_vault (vault, job->via, error);
}

/* A job with a mediator name creates the vault, else opens it. */
static void
session_thread (GTask *task,
                gpointer source,
                gpointer task_data,
                GCancellable *cancellable)
{
  SessionJob *job = task_data;
  GError *error = NULL;
  SillonVaultSession *session;

  if (job->mediator_name != NULL)
    session = session_create (job, cancellable, &error);
  else
    session = sillon_vault_session_open (job->path, job->passphrase, job->via, cancellable, &error);
  if (session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, session, g_object_unref);
}

static void
run_job (const char *path,
         const char *mediator_name,
         const char *passphrase,
         const SillonVaultCreateOptions *options,
         const char *via,
         gpointer source_tag,
         GCancellable *cancellable,
         GAsyncReadyCallback callback,
         gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SessionJob *job = g_new0 (SessionJob, 1);

  job->path = g_strdup (path);
  job->mediator_name = g_strdup (mediator_name);
  job->passphrase = secret_dup (passphrase);
  job->via = g_strdup (via);
  if (options != NULL)
    job->options = *options;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) session_job_free);
  g_task_run_in_thread (task, session_thread);
}

void
sillon_vault_session_open_async (const char *path,
                                 const char *passphrase,
                                 const char *via,
                                 GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_return_if_fail (path != NULL && passphrase != NULL && via != NULL);

  run_job (path, NULL, passphrase, NULL, via, sillon_vault_session_open_async, cancellable, callback, user_data);
}

SillonVaultSession *
sillon_vault_session_open_finish (GAsyncResult *result,
                                  GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sillon_vault_session_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sillon_vault_session_create_async (const char *path,
                                   const char *mediator_name,
                                   const char *passphrase,
                                   const SillonVaultCreateOptions *options,
                                   const char *via,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_return_if_fail (path != NULL && mediator_name != NULL && passphrase != NULL && via != NULL);

  run_job (path, mediator_name, passphrase, options, via, sillon_vault_session_create_async, cancellable, callback, user_data);
}

SillonVaultSession *
sillon_vault_session_create_finish (GAsyncResult *result,
                                    char **out_recovery_key,
                                    GError **error)
{
  SessionJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sillon_vault_session_create_async, NULL);
  g_return_val_if_fail (out_recovery_key != NULL, NULL);

  /* The worker has finished when the callback runs: its key is ours. */
  job = g_task_get_task_data (G_TASK (result));
  *out_recovery_key = g_steal_pointer (&job->recovery_key);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ── Locking ───────────────────────────────────────────────────────────── */

static gboolean
close_everything (SillonVaultSession *self)
{
  if (self->locked)
    return FALSE;
  self->locked = TRUE;

  /* The store's statements must be finalized before the connection closes. */
  g_clear_pointer (&self->store, sillon_store_free);
  /* Fold the write-ahead log into the vault file before closing: the
   * search index's virtual tables keep statements of their own until the
   * connection closes, and a vault locked with statements still prepared
   * is closed without a checkpoint. */
  if (self->vault != NULL && sillon_vault_get_db (self->vault) != NULL)
    sqlite3_exec (sillon_vault_get_db (self->vault), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  g_clear_pointer (&self->journal_key, sodium_free);
  if (self->vault != NULL)
    sillon_vault_lock (self->vault);
  return TRUE;
}

void
sillon_vault_session_lock (SillonVaultSession *self)
{
  g_return_if_fail (SILLON_IS_VAULT_SESSION (self));

  if (close_everything (self))
    g_signal_emit (self, signals[SIGNAL_LOCKED], 0);
}

gboolean
sillon_vault_session_is_locked (SillonVaultSession *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), TRUE);
  return self->locked;
}

/* ── Accessors ─────────────────────────────────────────────────────────── */

const char *
sillon_vault_session_get_path (SillonVaultSession *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), NULL);
  return sillon_vault_get_path (self->vault);
}

SillonVault *
sillon_vault_session_get_vault (SillonVaultSession *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), NULL);
  return self->vault;
}

SillonStore *
sillon_vault_session_get_store (SillonVaultSession *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), NULL);
  return self->store;
}

const guint8 *
sillon_vault_session_get_journal_key (SillonVaultSession *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), NULL);
  return self->journal_key;
}

gint64
sillon_vault_session_get_mediator_id (SillonVaultSession *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), 0);
  return self->mediator_id;
}

const char *
sillon_vault_session_get_mediator_name (SillonVaultSession *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), NULL);
  return self->mediator_name;
}

static gboolean
check_unlocked (SillonVaultSession *self, GError **error)
{
  if (self->locked)
    {
      g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED,
                           _ ("The vault is locked."));
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_vault_session_journal (SillonVaultSession *self,
                              SillonJournalAction action,
                              const char *details,
                              GError **error)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  return sillon_journal_append (self->store, self->journal_key, action, self->mediator_id, details, NULL, error);
}

gboolean
sillon_vault_session_derive_key (SillonVaultSession *self,
                                 const char context[8],
                                 guint64 subkey_id,
                                 guint8 *out,
                                 gsize length,
                                 GError **error)
{
  g_return_val_if_fail (SILLON_IS_VAULT_SESSION (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  return sillon_vault_derive_subkey (self->vault, context, subkey_id, out, length, error);
}

/* ── GObject ───────────────────────────────────────────────────────────── */

static void
sillon_vault_session_dispose (GObject *object)
{
  SillonVaultSession *self = SILLON_VAULT_SESSION (object);

  /* Whoever still borrows the store hears that it goes. */
  sillon_vault_session_lock (self);

  G_OBJECT_CLASS (sillon_vault_session_parent_class)->dispose (object);
}

static void
sillon_vault_session_finalize (GObject *object)
{
  SillonVaultSession *self = SILLON_VAULT_SESSION (object);

  g_clear_object (&self->vault);
  g_free (self->mediator_name);

  G_OBJECT_CLASS (sillon_vault_session_parent_class)->finalize (object);
}

static void
sillon_vault_session_class_init (SillonVaultSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sillon_vault_session_dispose;
  object_class->finalize = sillon_vault_session_finalize;

  /**
   * SillonVaultSession::locked:
   *
   * The store is gone and the keys are wiped: drop every pointer borrowed
   * from the session. Emitted once.
   */
  signals[SIGNAL_LOCKED] = g_signal_new ("locked",
                                         G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
sillon_vault_session_init (SillonVaultSession *self)
{
}
