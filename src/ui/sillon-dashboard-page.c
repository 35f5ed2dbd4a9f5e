/* sillon-dashboard-page.c — the statistics of a period: charts, tables, exports
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page shows what a coordinator publishes, not the raw counts: the
 * period's tables are computed (docs/STATISTICS.md) and protected exactly
 * as `sillon-cli stats tables` protects them, so that a screenshot of the
 * dashboard is as safe to share as the exported file. The CSV and XLSX
 * exports write that same release; the bundle holds the exact counts,
 * sealed for the coordinator, as `sillon-cli stats bundle` writes it. Each
 * export is journaled with the same details as the CLI's.
 *
 * Computing a year takes longer than a frame (docs/PERFORMANCE.md), so it
 * never runs on the main thread. The vault has a single connection
 * (exclusive locking: no second one can open it), so the page first copies
 * the database into a private in-memory database with SQLite's online
 * backup, a few pages per idle slice of the main loop, and a worker thread
 * computes on that copy alone. A backup step refuses to run while the
 * vault's connection is inside a write transaction, and writes committed on
 * that connection during the copy reach the copy too: the copy is the
 * state of the vault's last commit, never a transaction half done. The
 * copy lives in memory only (temp_store=MEMORY: sorting never spills to a
 * temporary file) and is closed as soon as the tables are computed.
 */

#include "config.h"

#include "sillon-dashboard-page.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "sillon-chart-panel.h"
#include "sillon-core.h"
#include "sillon-message-label.h"
#include "sillon-widget-util.h"

struct _SillonDashboardPage
{
  SillonPage parent_instance;

  /* The published tables of the period shown; NULL when nothing is shown
   * (locked, or the computation failed). */
  SillonStatsRelease *release;
  /* The file chooser being shown, if any: it must outlive its response. */
  GtkFileChooserNative *chooser;
  /* Where the last file was chosen: the next chooser opens there. */
  char *last_folder;
  guint8 coordinator[SILLON_STATS_KEY_BYTES];
  gboolean setting_up; /* the period's controls are being filled: no computation */
  GSimpleActionGroup *actions;

  /* The computation under way, if any (NULL otherwise): first the copy of
   * the vault (@copy, filled by @backup from an idle source), then the
   * worker thread on that copy. Cancelling it drops both. */
  GCancellable *computing;
  sqlite3 *copy;
  sqlite3_backup *backup;
  guint copy_source;
  char *computing_from;
  char *computing_to;

  GtkStack *content_stack;
  GtkSpinner *spinner;

  GtkSpinButton *year_spin;
  GtkComboBoxText *period_combo;
  GtkToggleButton *table_toggle;
  GtkLabel *message_label;
  GtkLabel *status_label;
  GtkLabel *summary_label;
  GtkLabel *protection_label;
  SillonChartPanel *month_panel;
  SillonChartPanel *theme_panel;
  SillonChartPanel *degree_panel;
  SillonChartPanel *progress_panel;
};

G_DEFINE_FINAL_TYPE (SillonDashboardPage, sillon_dashboard_page, SILLON_TYPE_PAGE)

/* ── The period ────────────────────────────────────────────────────────── */

/* The chosen period as sillon_stats_parse_period() reads it. */
static char *
period_text (SillonDashboardPage *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->period_combo));
  static const struct
  {
    const char *id;
    int first, last;
  } spans[] = {
    { "h1", 1, 6 },
    { "h2", 7, 12 },
    { "q1", 1, 3 },
    { "q2", 4, 6 },
    { "q3", 7, 9 },
    { "q4", 10, 12 },
  };

  if (id == NULL || g_str_equal (id, "year"))
    return g_strdup_printf ("%04d", year);
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    if (g_str_equal (id, spans[i].id))
      return g_strdup_printf ("%04d-%02d..%04d-%02d", year, spans[i].first, year, spans[i].last);
  /* A month: its id is its number. */
  return g_strdup_printf ("%04d-%s", year, id);
}

/* A month's name in the interface's language: Sillon's own translated
 * names (sillon-date-format.c), not LC_TIME's, which may speak another
 * language than the rest of the page. */
static const char *
month_name (int month)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "month", sillon_month_msgid ((GDateMonth) month));
}

/* A month's short name, for a chart's axis, in the interface's language. */
static const char *
month_abbreviation (int month)
{
  static const char *const abbreviations[] = {
    NC_ ("month abbreviation", "Jan"),
    NC_ ("month abbreviation", "Feb"),
    NC_ ("month abbreviation", "Mar"),
    NC_ ("month abbreviation", "Apr"),
    NC_ ("month abbreviation", "May"),
    NC_ ("month abbreviation", "Jun"),
    NC_ ("month abbreviation", "Jul"),
    NC_ ("month abbreviation", "Aug"),
    NC_ ("month abbreviation", "Sep"),
    NC_ ("month abbreviation", "Oct"),
    NC_ ("month abbreviation", "Nov"),
    NC_ ("month abbreviation", "Dec"),
  };

  return g_dpgettext2 (GETTEXT_PACKAGE, "month abbreviation", abbreviations[month - 1]);
}

/* The months in the period list, named in the user's language. */
static void
add_months (SillonDashboardPage *self)
{
  for (int month = 1; month <= 12; month++)
    {
      const char *name = month_name (month);
      g_autofree char *id = g_strdup_printf ("%02d", month);
      g_autofree char *capitalised = NULL;
      gunichar first = g_utf8_get_char (name);
      char buffer[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
      capitalised = g_strconcat (buffer, g_utf8_next_char (name), NULL);
      gtk_combo_box_text_append (self->period_combo, id, capitalised);
    }
}

/* ── The indicators ────────────────────────────────────────────────────── */

/* A cell's value as published, or hidden. */
static gint64
published (SillonStatsRelease *release,
           const SillonStatsTable *table,
           guint row,
           guint col)
{
  SillonStatsVar *var = sillon_stats_release_get_var (release, sillon_stats_table_cell (table, row, col));

  return var->status == SILLON_STATS_CELL_PUBLISHED ? var->value : SILLON_BAR_CHART_HIDDEN;
}

static gint64
grand_total (SillonStatsRelease *release,
             const char *table_id)
{
  const SillonStatsTable *table = sillon_stats_release_find_table (release, table_id);

  if (table == NULL)
    return SILLON_BAR_CHART_HIDDEN;
  return published (release, table, table->n_rows - 1, table->n_cols - 1);
}

/* The row totals of a table, one bar per category. @skip_zeros leaves
 * out the categories nothing fell in (most of the 19 themes, in a
 * month). */
static SillonChartData *
totals_chart (SillonStatsRelease *release,
              SillonVocabulary *vocabulary,
              const char *table_id,
              gboolean skip_zeros)
{
  const SillonStatsTable *table = sillon_stats_release_find_table (release, table_id);
  const char *series[] = { _ ("Count") };
  g_autoptr (GArray) kept = g_array_new (FALSE, FALSE, sizeof (guint));
  SillonChartData *data;

  if (table == NULL)
    return NULL;
  for (guint row = 0; row < table->rows->len; row++)
    if (!skip_zeros || published (release, table, row, table->n_cols - 1) != 0)
      g_array_append_val (kept, row);
  data = sillon_chart_data_new (SILLON_BAR_CHART_ROWS, 1, series, kept->len);
  for (guint i = 0; i < kept->len; i++)
    {
      guint row = g_array_index (kept, guint, i);
      const char *id = g_ptr_array_index (table->rows, row);
      gint64 value = published (release, table, row, table->n_cols - 1);

      sillon_chart_data_set_row (data, i, NULL, sillon_stats_category_label (vocabulary, table->row_dim, id), &value);
    }
  return data;
}

static SillonChartData *
months_chart (SillonStatsRelease *release)
{
  const SillonStatsTable *table = sillon_stats_release_find_table (release, "acc_month_type");
  const char *series[] = { _ ("Accompaniments") };
  SillonChartData *data;

  if (table == NULL)
    return NULL;
  data = sillon_chart_data_new (SILLON_BAR_CHART_COLUMNS, 1, series, table->rows->len);
  for (guint row = 0; row < table->rows->len; row++)
    {
      const char *id = g_ptr_array_index (table->rows, row); /* YYYY-MM */
      int year = atoi (id);
      int month = strlen (id) == 7 ? atoi (id + 5) : 0;
      gboolean valid = month >= 1 && month <= 12 && year > 0;
      g_autofree char *label = valid ? g_strdup (month_abbreviation (month)) : g_strdup (id);
      /* Translators: a month and its year, “December 2026”: %1$s is the
       * month's name, %2$d the year. */
      g_autofree char *name = valid ? g_strdup_printf (C_ ("month and year", "%1$s %2$d"), month_name (month), year)
                                    : g_strdup (id);
      gint64 value = published (release, table, row, table->n_cols - 1);

      sillon_chart_data_set_row (data, row, label, name, &value);
    }
  return data;
}

/* For each axis, the people whose score rose, stayed or fell. */
static SillonChartData *
progress_chart (SillonStatsRelease *release,
                SillonVocabulary *vocabulary)
{
  const SillonStatsTable *table = sillon_stats_release_find_table (release, "prg_axis");
  g_autoptr (GPtrArray) series = g_ptr_array_new ();
  g_autofree gint64 *values = NULL;
  SillonChartData *data;

  if (table == NULL || table->cols->len == 0)
    return NULL;
  for (guint col = 0; col < table->cols->len; col++)
    g_ptr_array_add (series, (gpointer) sillon_stats_category_label (vocabulary, table->col_dim,
                                                                     g_ptr_array_index (table->cols, col)));
  data = sillon_chart_data_new (SILLON_BAR_CHART_ROWS, series->len, (const char *const *) series->pdata, table->rows->len);
  values = g_new (gint64, table->cols->len);
  for (guint row = 0; row < table->rows->len; row++)
    {
      for (guint col = 0; col < table->cols->len; col++)
        values[col] = published (release, table, row, col);
      sillon_chart_data_set_row (data, row, NULL,
                                 sillon_stats_category_label (vocabulary, table->row_dim, g_ptr_array_index (table->rows, row)),
                                 values);
    }
  return data;
}

static void
show_release (SillonDashboardPage *self,
              SillonVocabulary *vocabulary)
{
  SillonStatsRelease *release = self->release;
  g_autofree char *activities = sillon_chart_format_value (grand_total (release, "act_month_type"));
  g_autofree char *accompaniments = sillon_chart_format_value (grand_total (release, "acc_month_type"));
  g_autofree char *people = sillon_chart_format_value (grand_total (release, "ben_kind"));
  g_autofree char *summary = NULL;
  g_autofree char *protection = NULL;

  /* Translators: the period's key figures: counts (or “hidden”). */
  summary = g_strdup_printf (_ ("Activities: %1$s · Accompaniments: %2$s · People: %3$s"), activities, accompaniments,
                             people);
  gtk_label_set_text (self->summary_label, summary);
  protection = g_strdup_printf (ngettext ("Counts of fewer than %u person are hidden, and so are enough other counts "
                                          "that none can be worked out from the totals: the figures are safe to publish.",
                                          "Counts of fewer than %u people are hidden, and so are enough other counts "
                                          "that none can be worked out from the totals: the figures are safe to publish.",
                                          release->k),
                                release->k);
  gtk_label_set_text (self->protection_label, protection);

  sillon_chart_panel_set_data (self->month_panel, months_chart (release));
  sillon_chart_panel_set_data (self->theme_panel, totals_chart (release, vocabulary, "acc_theme_type", TRUE));
  sillon_chart_panel_set_data (self->degree_panel, totals_chart (release, vocabulary, "asm_degree", FALSE));
  sillon_chart_panel_set_data (self->progress_panel, progress_chart (release, vocabulary));
}

static void
update_actions (SillonDashboardPage *self)
{
  static const char *const exports[] = { "export-csv", "export-xlsx", "export-bundle" };

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), exports[i]);
      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->release != NULL && self->chooser == NULL);
    }
}

/* Takes every figure out of the page. */
static void
clear (SillonDashboardPage *self)
{
  g_clear_pointer (&self->release, sillon_stats_release_free);
  sillon_chart_panel_set_data (self->month_panel, NULL);
  sillon_chart_panel_set_data (self->theme_panel, NULL);
  sillon_chart_panel_set_data (self->degree_panel, NULL);
  sillon_chart_panel_set_data (self->progress_panel, NULL);
  gtk_label_set_text (self->summary_label, "");
  gtk_label_set_text (self->protection_label, "");
  update_actions (self);
}

static void
show_error (SillonDashboardPage *self,
            const char *context,
            const GError *error)
{
  /* Translators: %1$s says what failed, %2$s is the reason. */
  g_autofree char *text = g_strdup_printf (_ ("%1$s %2$s"), context, error->message);

  sillon_message_label_set (self->status_label, NULL);
  sillon_message_label_set (self->message_label, text);
}

/* How long one slice of the copy may hold the main thread, and how many
 * pages a backup step copies: small enough for the page to keep drawing
 * (a frame is 16 ms) while the vault is copied. */
#define COPY_SLICE_US 6000
#define COPY_PAGES_PER_STEP 32
#define COPY_RETRY_MS 50

/* Drops the computation under way: the copy, and the worker's result when
 * it comes (the worker stops at its next progress check). */
static void
stop_computing (SillonDashboardPage *self)
{
  g_clear_handle_id (&self->copy_source, g_source_remove);
  if (self->backup != NULL)
    {
      sqlite3_backup_finish (self->backup);
      self->backup = NULL;
    }
  if (self->copy != NULL)
    {
      sqlite3_close (self->copy);
      self->copy = NULL;
    }
  if (self->computing != NULL)
    {
      g_cancellable_cancel (self->computing);
      g_clear_object (&self->computing);
    }
  g_clear_pointer (&self->computing_from, g_free);
  g_clear_pointer (&self->computing_to, g_free);
  if (self->spinner != NULL)
    gtk_spinner_stop (self->spinner);
  if (self->content_stack != NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "figures");
}

typedef struct
{
  sqlite3 *copy; /* owned: closed with the task */
  char *from;
  char *to;
} Computation;

static void
computation_free (Computation *computation)
{
  if (computation->copy != NULL)
    sqlite3_close (computation->copy);
  g_free (computation->from);
  g_free (computation->to);
  g_free (computation);
}

/* SQLite's progress handler on the copy: a non-zero answer interrupts the
 * statement, so a cancelled computation ends at once. */
static int
on_copy_progress (void *user_data)
{
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

/* In the worker thread: the period's tables from the copy, protected as
 * `sillon-cli stats tables` protects them. Nothing here touches the
 * vault's own connection. */
static void
compute_in_thread (GTask *task,
                   gpointer source_object,
                   gpointer task_data,
                   GCancellable *cancellable)
{
  Computation *computation = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (SillonStatsRelease) release = NULL;
  SillonVocabulary *vocabulary = sillon_vocabulary_new_default (&error);

  if (vocabulary == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_progress_handler (computation->copy, 1000, on_copy_progress, cancellable);
  store = sillon_store_new_with_vocabulary (computation->copy, vocabulary, &error);
  if (store == NULL || (release = sillon_stats_compute (store, computation->from, computation->to, &error)) == NULL ||
      !sillon_stats_release_suppress (release, SILLON_STATS_DEFAULT_K, &error))
    {
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&release), (GDestroyNotify) sillon_stats_release_free);
}

static void
on_computed (GObject *source,
             GAsyncResult *result,
             gpointer user_data)
{
  SillonDashboardPage *self = SILLON_DASHBOARD_PAGE (source);
  g_autoptr (SillonStatsRelease) release = NULL;
  g_autoptr (GError) error = NULL;
  SillonStore *store;

  release = g_task_propagate_pointer (G_TASK (result), &error);
  /* Cancelled (locked, left, another period chosen): another computation
   * or none owns the page now. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->computing)
    return;
  stop_computing (self);
  store = sillon_page_get_store (SILLON_PAGE (self));
  if (store == NULL)
    return;
  if (release == NULL)
    {
      clear (self);
      show_error (self, _ ("The statistics of this period cannot be computed."), error);
      return;
    }
  g_clear_pointer (&self->release, sillon_stats_release_free);
  self->release = g_steal_pointer (&release);
  show_release (self, sillon_store_get_vocabulary (store));
  update_actions (self);
}

/* One slice of the copy, from the main loop between frames. */
static gboolean
copy_some_pages (gpointer user_data)
{
  SillonDashboardPage *self = user_data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (GTask) task = NULL;
  Computation *computation;
  int rc;

  do
    rc = sqlite3_backup_step (self->backup, COPY_PAGES_PER_STEP);
  while (rc == SQLITE_OK && g_get_monotonic_time () - start < COPY_SLICE_US);
  self->copy_source = 0;
  if (rc == SQLITE_OK)
    {
      /* More pages: after the next frames. */
      self->copy_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, copy_some_pages, self, NULL);
      return G_SOURCE_REMOVE;
    }
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    {
      /* The vault's connection is inside a write transaction: the copy
       * goes on once it has committed, without spinning meanwhile. */
      self->copy_source = g_timeout_add (COPY_RETRY_MS, copy_some_pages, self);
      return G_SOURCE_REMOVE;
    }

  sqlite3_backup_finish (self->backup);
  self->backup = NULL;
  if (rc != SQLITE_DONE)
    {
      g_autoptr (GError) error = NULL;

      /* A page that fails authentication is a damaged vault, not a disk
       * error. */
      if (!sillon_store_error_if_tampered (rc, &error))
        error = g_error_new (SILLON_STATS_ERROR, SILLON_STATS_ERROR_IO,
                             /* Translators: %s is SQLite's reason. */
                             _ ("The vault could not be read: %s"), sqlite3_errstr (rc));

      stop_computing (self);
      clear (self);
      show_error (self, _ ("The statistics of this period cannot be computed."), error);
      return G_SOURCE_REMOVE;
    }

  computation = g_new0 (Computation, 1);
  computation->copy = g_steal_pointer (&self->copy);
  computation->from = g_strdup (self->computing_from);
  computation->to = g_strdup (self->computing_to);
  task = g_task_new (self, self->computing, on_computed, NULL);
  g_task_set_source_tag (task, copy_some_pages);
  g_task_set_task_data (task, computation, (GDestroyNotify) computation_free);
  g_task_run_in_thread (task, compute_in_thread);
  return G_SOURCE_REMOVE;
}

void
sillon_dashboard_page_refresh (SillonDashboardPage *self)
{
  SillonStore *store;
  g_autoptr (GError) error = NULL;
  g_autofree char *period = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_if_fail (SILLON_IS_DASHBOARD_PAGE (self));

  stop_computing (self);
  sillon_message_label_set (self->message_label, NULL);
  clear (self);
  store = sillon_page_get_store (SILLON_PAGE (self));
  if (store == NULL)
    return;
  period = period_text (self);
  if (!sillon_stats_parse_period (period, &from, &to, &error))
    {
      show_error (self, _ ("The statistics of this period cannot be computed."), error);
      return;
    }
  /* The copy: in memory, and so are SQLite's temporary tables and sorts. */
  if (sqlite3_open_v2 (":memory:", &self->copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                       NULL) != SQLITE_OK ||
      sqlite3_exec (self->copy, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL) != SQLITE_OK ||
      (self->backup = sqlite3_backup_init (self->copy, "main", sillon_store_get_db (store), "main")) == NULL)
    {
      g_set_error (&error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_IO, _ ("The vault could not be read: %s"),
                   self->copy != NULL ? sqlite3_errmsg (self->copy) : "out of memory");
      stop_computing (self);
      show_error (self, _ ("The statistics of this period cannot be computed."), error);
      return;
    }
  self->computing = g_cancellable_new ();
  self->computing_from = g_steal_pointer (&from);
  self->computing_to = g_steal_pointer (&to);
  gtk_stack_set_visible_child_name (self->content_stack, "computing");
  gtk_spinner_start (self->spinner);
  /* After the frames: the page draws its placeholder first. */
  self->copy_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, copy_some_pages, self, NULL);
}

/* The page shows: its figures, computed once; again when the period
 * changes. */
static void
ensure_computed (SillonDashboardPage *self)
{
  if (self->release == NULL && self->computing == NULL && !self->setting_up)
    sillon_dashboard_page_refresh (self);
}

const SillonStatsRelease *
sillon_dashboard_page_get_release (SillonDashboardPage *self)
{
  g_return_val_if_fail (SILLON_IS_DASHBOARD_PAGE (self), NULL);

  return self->release;
}

void
sillon_dashboard_page_stop (SillonDashboardPage *self)
{
  g_return_if_fail (SILLON_IS_DASHBOARD_PAGE (self));

  stop_computing (self);
}

static void
on_period_changed (SillonDashboardPage *self)
{
  if (self->setting_up)
    return;
  sillon_message_label_set (self->status_label, NULL);
  sillon_dashboard_page_refresh (self);
}

static void
on_table_toggle_toggled (SillonDashboardPage *self)
{
  gboolean tables = gtk_toggle_button_get_active (self->table_toggle);

  sillon_chart_panel_set_show_table (self->month_panel, tables);
  sillon_chart_panel_set_show_table (self->theme_panel, tables);
  sillon_chart_panel_set_show_table (self->degree_panel, tables);
  sillon_chart_panel_set_show_table (self->progress_panel, tables);
}

/* ── Exports ───────────────────────────────────────────────────────────── */

/* The export is journaled as `sillon-cli stats` journals it. A file
 * whose export cannot be journaled is removed: no export leaves
 * untraced. */
static gboolean
journal_export (SillonDashboardPage *self,
                const char *kind,
                const char *path,
                GError **error)
{
  SillonVaultSession *session = sillon_page_get_session (SILLON_PAGE (self));
  g_autofree char *details = sillon_stats_export_journal_details (kind, self->release->from, self->release->to);

  if (session != NULL && sillon_vault_session_journal (session, SILLON_JOURNAL_EXPORT, details, error))
    return TRUE;
  if (session == NULL)
    g_set_error_literal (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_IO, _ ("The vault was locked."));
  g_unlink (path);
  return FALSE;
}

static void
show_saved (SillonDashboardPage *self,
            const char *path)
{
  g_autofree char *name = g_filename_display_name (path);
  /* Translators: %s is a file name. */
  g_autofree char *text = g_strdup_printf (_ ("Saved to %s. The export is recorded in the journal."), name);

  sillon_message_label_set (self->message_label, NULL);
  sillon_message_label_set (self->status_label, text);
}

/* @path with @extension unless it has one of its own already. */
static char *
with_extension (const char *path,
                const char *extension)
{
  g_autofree char *base = g_path_get_basename (path);

  if (strchr (base, '.') != NULL)
    return g_strdup (path);
  return g_strconcat (path, extension, NULL);
}

static GtkFileChooserNative *
new_chooser (SillonDashboardPage *self,
             const char *title,
             GtkFileChooserAction action,
             const char *accept,
             const char *filter_name,
             const char *pattern)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, sillon_widget_get_window (GTK_WIDGET (self)), action,
                                                               accept, _ ("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (self->last_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->last_folder);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  return chooser;
}

/* The chooser answered: its file, or NULL (cancelled, or locked in the
 * meantime: then nothing is written). */
static char *
take_chooser_file (SillonDashboardPage *self,
                   int response)
{
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->release != NULL)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (self->chooser));
  if (path != NULL)
    {
      g_free (self->last_folder);
      self->last_folder = g_path_get_dirname (path);
    }
  g_clear_object (&self->chooser);
  update_actions (self);
  return path;
}

static void
show_chooser (SillonDashboardPage *self,
              GtkFileChooserNative *chooser,
              GCallback on_response)
{
  self->chooser = chooser;
  g_signal_connect_swapped (chooser, "response", on_response, self);
  update_actions (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
suggested_name (SillonDashboardPage *self,
                const char *what,
                const char *extension)
{
  return g_strdup_printf ("%s-%s-%s%s", what, self->release->from, self->release->to, extension);
}

static void
on_tables_chooser_response (SillonDashboardPage *self,
                            int response)
{
  SillonStatsFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->chooser), "sillon-format"));
  g_autofree char *chosen = take_chooser_file (self, response);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));

  if (chosen == NULL || store == NULL)
    return;
  path = with_extension (chosen, format == SILLON_STATS_FORMAT_CSV ? ".csv" : ".xlsx");
  if (!sillon_stats_release_write (self->release, sillon_store_get_vocabulary (store), format, path, &error) ||
      !journal_export (self, "stats-tables", path, &error))
    {
      show_error (self, _ ("The tables could not be exported."), error);
      return;
    }
  show_saved (self, path);
}

static void
export_tables (SillonDashboardPage *self,
               SillonStatsFormat format)
{
  gboolean csv = format == SILLON_STATS_FORMAT_CSV;
  GtkFileChooserNative *chooser = new_chooser (self, csv ? _ ("Export the Tables as CSV") : _ ("Export the Tables as XLSX"),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"),
                                               csv ? _ ("CSV files") : _ ("XLSX spreadsheets"), csv ? "*.csv" : "*.xlsx");
  /* Translators: the start of a suggested file name; keep it short,
   * without spaces. */
  g_autofree char *name = suggested_name (self, _ ("statistics"), csv ? ".csv" : ".xlsx");

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "sillon-format", GINT_TO_POINTER (format));
  show_chooser (self, chooser, G_CALLBACK (on_tables_chooser_response));
}

static void
on_export_csv_activated (GSimpleAction *action,
                         GVariant *parameter,
                         gpointer user_data)
{
  export_tables (user_data, SILLON_STATS_FORMAT_CSV);
}

static void
on_export_xlsx_activated (GSimpleAction *action,
                          GVariant *parameter,
                          gpointer user_data)
{
  export_tables (user_data, SILLON_STATS_FORMAT_XLSX);
}

/* The bundle: the exact counts of the period shown, signed with the
 * site's key and sealed to the coordinator, as `sillon-cli stats bundle`
 * writes it (readable by its owner only). */
static gboolean
write_bundle (SillonDashboardPage *self,
              SillonStore *store,
              const char *path,
              GError **error)
{
  g_autoptr (SillonStatsRelease) exact = sillon_stats_compute (store, self->release->from, self->release->to, error);
  g_autoptr (GBytes) bytes = NULL;
  guint8 site[SILLON_STATS_KEY_BYTES];
  guint8 *secret = NULL;

  if (exact == NULL || !sillon_stats_site_key (store, site, &secret, error))
    return FALSE;
  bytes = sillon_stats_bundle_build (exact, site, secret, self->coordinator, error);
  sodium_free (secret);
  if (bytes == NULL)
    return FALSE;
  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
on_bundle_chooser_response (SillonDashboardPage *self,
                            int response)
{
  g_autofree char *path = take_chooser_file (self, response);
  g_autoptr (GError) error = NULL;
  SillonStore *store = sillon_page_get_store (SILLON_PAGE (self));

  if (path == NULL || store == NULL)
    return;
  if (!write_bundle (self, store, path, &error) || !journal_export (self, "stats-bundle", path, &error))
    {
      show_error (self, _ ("The bundle could not be written."), error);
      return;
    }
  show_saved (self, path);
}

static void
on_key_chooser_response (SillonDashboardPage *self,
                         int response)
{
  g_autofree char *key_path = take_chooser_file (self, response);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (key_path == NULL)
    return;
  if (!sillon_stats_coordinator_load_public (key_path, self->coordinator, &error))
    {
      show_error (self, _ ("This is not a coordinator’s public key."), error);
      return;
    }
  chooser = new_chooser (self, _ ("Save the Bundle for the Coordinator"), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"),
                         _ ("Statistics bundles"), "*.bundle");
  name = suggested_name (self, _ ("statistics"), ".bundle");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (self, chooser, G_CALLBACK (on_bundle_chooser_response));
}

static void
on_export_bundle_activated (GSimpleAction *action,
                            GVariant *parameter,
                            gpointer user_data)
{
  SillonDashboardPage *self = user_data;

  show_chooser (self,
                new_chooser (self, _ ("Choose the Coordinator’s Public Key"), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Choose"),
                             _ ("Public keys"), "*.pub"),
                G_CALLBACK (on_key_chooser_response));
}

static const GActionEntry dashboard_actions[] = {
  { "export-csv", on_export_csv_activated, NULL, NULL, NULL, { 0 } },
  { "export-xlsx", on_export_xlsx_activated, NULL, NULL, NULL, { 0 } },
  { "export-bundle", on_export_bundle_activated, NULL, NULL, NULL, { 0 } },
};

/* ── Page ──────────────────────────────────────────────────────────────── */

static void
sillon_dashboard_page_switch_to (SillonPage *page)
{
  SillonDashboardPage *self = SILLON_DASHBOARD_PAGE (page);

  ensure_computed (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->period_combo));
}

static void
sillon_dashboard_page_locked (SillonPage *page)
{
  SillonDashboardPage *self = SILLON_DASHBOARD_PAGE (page);

  /* A chooser left open writes nothing: its response finds no release. */
  stop_computing (self);
  clear (self);
  sodium_memzero (self->coordinator, sizeof self->coordinator);
  sillon_message_label_set (self->message_label, NULL);
  sillon_message_label_set (self->status_label, NULL);
}

static void
sillon_dashboard_page_dispose (GObject *object)
{
  SillonDashboardPage *self = SILLON_DASHBOARD_PAGE (object);

  stop_computing (self);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->release, sillon_stats_release_free);
  g_clear_pointer (&self->last_folder, g_free);
  g_clear_object (&self->actions);
  G_OBJECT_CLASS (sillon_dashboard_page_parent_class)->dispose (object);
}

/* The areas' switcher shows the page without the window's help: it
 * computes when it is mapped, and a computation is dropped when the page
 * is left. */
static void
sillon_dashboard_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sillon_dashboard_page_parent_class)->map (widget);
  ensure_computed (SILLON_DASHBOARD_PAGE (widget));
}

static void
sillon_dashboard_page_unmap (GtkWidget *widget)
{
  stop_computing (SILLON_DASHBOARD_PAGE (widget));
  GTK_WIDGET_CLASS (sillon_dashboard_page_parent_class)->unmap (widget);
}

static void
sillon_dashboard_page_class_init (SillonDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sillon_dashboard_page_dispose;
  widget_class->map = sillon_dashboard_page_map;
  widget_class->unmap = sillon_dashboard_page_unmap;
  SILLON_PAGE_CLASS (klass)->switch_to = sillon_dashboard_page_switch_to;
  SILLON_PAGE_CLASS (klass)->locked = sillon_dashboard_page_locked;

  g_type_ensure (SILLON_TYPE_CHART_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, period_combo);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, table_toggle);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, protection_label);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, month_panel);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, theme_panel);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, degree_panel);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, progress_panel);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SillonDashboardPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggle_toggled);
}

static void
sillon_dashboard_page_init (SillonDashboardPage *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  self->setting_up = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->content_stack, "figures");
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), dashboard_actions, G_N_ELEMENTS (dashboard_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "dashboard", G_ACTION_GROUP (self->actions));
  add_months (self);
  /* The period list's pop-up menu is a control of its own for screen
   * readers: name it too. */
  {
    AtkObject *combo = gtk_widget_get_accessible (GTK_WIDGET (self->period_combo));

    if (atk_object_get_n_accessible_children (combo) > 0)
      {
        g_autoptr (AtkObject) menu = atk_object_ref_accessible_child (combo, 0);
        atk_object_set_name (menu, _ ("Periods"));
      }
  }
  /* The current year, whole: what a coordinator reports first. */
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->period_combo), "year");
  self->setting_up = FALSE;
  update_actions (self);
}
