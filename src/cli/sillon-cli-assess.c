/* sillon-cli-assess.c — `sillon-cli assess …`: score and compare pouvoir/vouloir/savoir answer sets
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answer sets are read from JSON files (format "sillon-answers", see
 * docs/ASSESSMENT.md) or, with --person, from the assessments the vault
 * holds for one person: both go through the same scoring and printing, so
 * that a file exported from the application and the stored copy read alike.
 */

#include "config.h"

#include "sillon-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sillon-assessment.h"
#include "sillon-cli-common.h"
#include "sillon-quick-assessment.h"

/* Positions given with --from and --to count from 1; this one means "not
 * given", so that an explicit 0 is refused rather than taken as unset. */
#define POSITION_UNSET G_MININT

typedef enum
{
  ASSESS_FILES_ONLY = 0,
  ASSESS_FROM_VAULT = 1 << 0, /* --person, --vault, --passphrase-fd */
  ASSESS_POSITIONS = 1 << 1,  /* --from, --to */
  ASSESS_QUICK = 1 << 2,      /* --quick */
} AssessFlags;

typedef struct
{
  gboolean json;
  gboolean quick;
  char *data_dir;
  char *person;
  char *vault_path;
  int passphrase_fd;
  int from;
  int to;
  gint64 person_id;
  SillonQuestionnaireRegistry *registry;
  SillonOrientationRules *rules;
} AssessOptions;

static void
assess_options_clear (AssessOptions *options)
{
  g_clear_pointer (&options->data_dir, g_free);
  g_clear_pointer (&options->person, g_free);
  g_clear_pointer (&options->vault_path, g_free);
  g_clear_object (&options->registry);
  g_clear_object (&options->rules);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AssessOptions, assess_options_clear)

static int
parse_options (int *argc,
               char ***argv,
               AssessOptions *options,
               AssessFlags flags,
               const char *parameters,
               const char *summary)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *default_path = sillon_vault_session_get_default_path ();
  /* Translators: %s is the default path of the vault file. */
  g_autofree char *vault_help = g_strdup_printf (_ ("The vault file (default: %s)"), default_path);
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json, N_ ("Print machine-readable JSON"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->data_dir,
      N_ ("Read the questionnaires and rules from DIR instead of the ones built into Sillon"),
      N_ ("DIR") },
    { NULL },
  };
  const GOptionEntry vault_entries[] = {
    { "person", 0, 0, G_OPTION_ARG_STRING, &options->person,
      N_ ("Read the assessments stored in the vault for the person with this id instead of files"), N_ ("ID") },
    { "vault", 0, 0, G_OPTION_ARG_FILENAME, &options->vault_path, vault_help, N_ ("PATH") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &options->passphrase_fd,
      N_ ("Read passphrases from file descriptor N, one per line, instead of the terminal"), N_ ("N") },
    { NULL },
  };
  const GOptionEntry quick_entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &options->quick, N_ ("Only the questions of the quick assessment"), NULL },
    { NULL },
  };
  const GOptionEntry position_entries[] = {
    { "from", 0, 0, G_OPTION_ARG_INT, &options->from,
      N_ ("With --person: compare from the Nth assessment, oldest first (default: the first)"), N_ ("N") },
    { "to", 0, 0, G_OPTION_ARG_INT, &options->to,
      N_ ("With --person: compare to the Mth assessment, oldest first (default: the last)"), N_ ("M") },
    { NULL },
  };

  options->passphrase_fd = -1;
  options->from = POSITION_UNSET;
  options->to = POSITION_UNSET;
  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (flags & ASSESS_FROM_VAULT)
    {
      g_option_context_add_main_entries (context, vault_entries, GETTEXT_PACKAGE);
      description = g_strconcat (sillon_cli_passphrase_fd_help (), "\n", sillon_cli_exit_codes_help (), NULL);
      g_option_context_set_description (context, description);
    }
  if (flags & ASSESS_POSITIONS)
    g_option_context_add_main_entries (context, position_entries, GETTEXT_PACKAGE);
  if (flags & ASSESS_QUICK)
    g_option_context_add_main_entries (context, quick_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }

  if (options->person == NULL)
    {
      /* Without --person these options would be silently ignored: a
       * script that forgot --person must not get a file-based answer. */
      if (options->vault_path != NULL || options->passphrase_fd != -1 || options->from != POSITION_UNSET ||
          options->to != POSITION_UNSET)
        {
          sillon_cli_error ("%s", _ ("--vault, --passphrase-fd, --from and --to go with --person"));
          return SILLON_CLI_EXIT_USAGE;
        }
      return SILLON_CLI_EXIT_OK;
    }
  if (*argc != 1)
    {
      sillon_cli_error ("%s", _ ("give either --person or answer files, not both"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!sillon_cli_parse_id (options->person, &options->person_id))
    return SILLON_CLI_EXIT_USAGE;
  if (options->passphrase_fd < -1)
    {
      sillon_cli_error ("%s", _ ("--passphrase-fd must be a file descriptor number"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if ((options->from != POSITION_UNSET && options->from < 1) || (options->to != POSITION_UNSET && options->to < 1))
    {
      sillon_cli_error ("%s", _ ("--from and --to count the assessments from 1, oldest first"));
      return SILLON_CLI_EXIT_USAGE;
    }
  return SILLON_CLI_EXIT_OK;
}

/* What the commands do when an answer set, the questionnaire data or a
 * stored assessment cannot be read: say why, and fail. */
static int
report_failure (const GError *error)
{
  sillon_cli_error ("%s", error->message);
  return SILLON_CLI_EXIT_FAILURE;
}

static gboolean
load_rules (AssessOptions *options, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (options->data_dir != NULL)
    options->registry = sillon_questionnaire_registry_new_for_directory (options->data_dir);
  else
    options->registry = sillon_questionnaire_registry_new_default ();
  options->rules = sillon_orientation_rules_load (options->registry, sillon_orientation_rules_latest_version (),
                                                  &local_error);
  if (options->rules == NULL)
    {
      if (options->data_dir != NULL &&
          g_error_matches (local_error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND))
        /* Translators: %s is the underlying error. */
        g_set_error (error, local_error->domain, local_error->code,
                     _ ("%s\n(the folder given with --data-dir does not hold the assessment data)"),
                     local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static SillonAssessment *
load_answers (AssessOptions *options, const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  SillonAssessment *assessment;

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  assessment = sillon_assessment_new_from_bytes (bytes, options->registry, &local_error);
  if (assessment == NULL)
    {
      /* Translators: %s is a file name, then the reason. */
      g_set_error (error, local_error->domain, local_error->code, _ ("%s: %s"), path, local_error->message);
      return NULL;
    }
  return assessment;
}

/* Fills @assessments with the answer sets stored for options->person_id,
 * oldest first (the store's order: date, then the order they were saved
 * in). Returns SILLON_CLI_EXIT_OK, or the exit code after printing why. */
static int
load_person_assessments (AssessOptions *options, GPtrArray *assessments)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (SillonBeneficiary) person = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  int ret;

  common.vault_path = options->vault_path != NULL ? g_strdup (options->vault_path) : sillon_vault_session_get_default_path ();
  common.passphrase_fd = options->passphrase_fd;
  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;

  person = sillon_store_get_beneficiary (cv->store, options->person_id, &error);
  if (person == NULL)
    return sillon_cli_report_person_error (error, options->person_id, common.vault_path);
  records = sillon_store_list_assessments (cv->store, options->person_id, &error);
  if (records == NULL)
    return sillon_cli_report_error (error, common.vault_path);

  for (guint i = 0; i < records->len; i++)
    {
      const SillonAssessmentRecord *record = g_ptr_array_index (records, i);
      g_autoptr (GBytes) bytes = g_bytes_new (record->answers_json, strlen (record->answers_json));
      g_autoptr (SillonAssessment) assessment = NULL;

      assessment = sillon_assessment_new_from_bytes (bytes, options->registry, &error);
      /* The row's date is the one the store sorts on; answer sets saved
       * without their own date take it, so that every step is dated. */
      if (assessment != NULL && sillon_assessment_get_date (assessment) == NULL && record->date != NULL &&
          !sillon_assessment_set_date (assessment, record->date, &error))
        g_clear_object (&assessment);
      if (assessment == NULL)
        {
          /* Translators: %lld is the id of an assessment in the vault, %s the reason. */
          sillon_cli_error (_ ("The stored assessment %lld cannot be read: %s"), (long long) record->id,
                            error->message);
          return SILLON_CLI_EXIT_FAILURE;
        }
      g_ptr_array_add (assessments, g_steal_pointer (&assessment));
    }
  return SILLON_CLI_EXIT_OK;
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);
  /* JSON escapes C0 controls itself, not DEL and C1. */
  g_autofree char *escaped = sillon_cli_escape (text, SILLON_CLI_ESCAPE_TEXT);

  g_print ("%s\n", escaped);
}

static void
print_result (SillonAssessment *assessment, SillonAssessmentResult *result)
{
  SillonQuestionnaire *questionnaire = sillon_assessment_get_questionnaire (assessment);
  g_autoptr (JsonNode) node = sillon_assessment_result_to_json (result);
  JsonObject *object = json_node_get_object (node);
  JsonArray *orientations = json_object_get_array_member (object, "orientations");
  JsonArray *dismissed = json_object_get_array_member (object, "dismissed_orientations");
  SillonDegree degree = sillon_assessment_result_get_degree (result);
  const char *date = sillon_assessment_get_date (assessment);

  if (date != NULL)
    /* Translators: %s is a date, %u the questionnaire version. */
    g_print (_ ("Assessment of %s (questionnaire version %u)\n"), date,
             sillon_questionnaire_get_version (questionnaire));
  else
    g_print (_ ("Undated assessment (questionnaire version %u)\n"), sillon_questionnaire_get_version (questionnaire));

  g_print ("\n%s\n", _ ("Scores"));
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      SillonCoverage coverage;
      guint score;

      sillon_assessment_result_get_coverage (result, axis, &coverage);
      if (sillon_assessment_result_get_score (result, axis, &score))
        /* Translators: “Can (access): 43/100, based on 9 of 10 scored questions” */
        g_print (_ ("  %s: %u/100, based on %u of %u scored questions\n"), sillon_axis_get_label (axis), score,
                 coverage.scored_answered, coverage.scored_total);
      else
        g_print (_ ("  %s: no score (no scored question answered)\n"), sillon_axis_get_label (axis));
      /* Translators: coverage of one axis, e.g. “11 of 11 questions answered, 0 skipped” */
      g_print (ngettext ("      %u of %u question answered, %u skipped\n",
                         "      %u of %u questions answered, %u skipped\n", coverage.total),
               coverage.answered, coverage.total, coverage.skipped);
    }

  g_print ("\n%s\n", _ ("Skills (0–3)"));
  for (guint i = 0; i < sillon_questionnaire_get_n_items (questionnaire); i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (questionnaire, i);
      const char *id = sillon_questionnaire_item_get_id (item);
      gint level = sillon_assessment_result_get_skill_level (result, id);

      if (level < 0)
        continue;
      g_print ("  %-32s %d  %s\n", id, level, sillon_questionnaire_item_lookup_label (item, (guint) level));
    }

  g_print ("\n");
  g_print (_ ("Degree of distance from digital: %s"), sillon_degree_get_label (degree));
  if (sillon_assessment_result_is_provisional (result))
    g_print (" %s", _ ("(provisional: few answers)"));
  g_print ("\n");
  if (sillon_assessment_result_is_degree_overridden (result))
    {
      JsonObject *d = json_object_get_object_member (object, "degree");
      g_autofree char *reason = sillon_cli_escape (json_object_get_string_member (d, "reason"), SILLON_CLI_ESCAPE_FIELD);

      /* Translators: first %s is the computed degree, second the mediator’s reason. */
      g_print (_ ("  Set by the mediator; computed degree: %s. Reason: %s\n"),
               sillon_degree_get_label (sillon_assessment_result_get_computed_degree (result)), reason);
    }

  g_print ("\n%s\n", _ ("Suggested orientations"));
  if (json_array_get_length (orientations) == 0)
    g_print ("  %s\n", _ ("none"));
  for (guint i = 0; i < json_array_get_length (orientations); i++)
    {
      JsonObject *o = json_array_get_object_element (orientations, i);
      /* Labels and reasons may be the mediator's own words. */
      g_autofree char *label = sillon_cli_escape (json_object_get_string_member (o, "label"), SILLON_CLI_ESCAPE_FIELD);

      g_print ("  - %s", label);
      if (g_str_equal (json_object_get_string_member (o, "source"), "mediator"))
        {
          g_autofree char *reason = sillon_cli_escape (json_object_get_string_member (json_object_get_object_member (o, "override"), "reason"),
                                                       SILLON_CLI_ESCAPE_FIELD);

          g_print (_ (" (added by the mediator: %s)"), reason);
        }
      g_print ("\n");
    }
  for (guint i = 0; i < json_array_get_length (dismissed); i++)
    {
      JsonObject *o = json_array_get_object_element (dismissed, i);
      g_autofree char *label = sillon_cli_escape (json_object_get_string_member (o, "label"), SILLON_CLI_ESCAPE_FIELD);
      g_autofree char *reason = sillon_cli_escape (json_object_get_string_member (o, "reason"), SILLON_CLI_ESCAPE_FIELD);

      /* Translators: first %s is an orientation, second the mediator’s reason. */
      g_print (_ ("  × %s (dismissed by the mediator: %s)\n"), label, reason);
    }
}

int
sillon_cli_assess_show (int argc, char **argv)
{
  g_auto (AssessOptions) options = { 0 };
  g_autoptr (SillonAssessment) assessment = NULL;
  g_autoptr (SillonAssessmentResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  status = parse_options (&argc, &argv, &options, ASSESS_FILES_ONLY, _ ("ANSWERS.json"),
                          _ ("Scores an answer set: axis scores, coverage, skills, degree and orientations."));
  if (status != SILLON_CLI_EXIT_OK)
    return status;
  if (!sillon_cli_check_one_argument (argc, _ ("expected one answer file")))
    return SILLON_CLI_EXIT_USAGE;
  if (!load_rules (&options, &error) || (assessment = load_answers (&options, argv[1], &error)) == NULL || (result = sillon_assessment_evaluate (assessment, options.rules, &error)) == NULL)
    return report_failure (error);

  if (options.json)
    {
      g_autoptr (JsonNode) node = sillon_assessment_result_to_json (result);
      print_json (node);
    }
  else
    print_result (assessment, result);
  return SILLON_CLI_EXIT_OK;
}

static const char *
level_label (SillonAssessment *assessment, const char *id, guint level)
{
  const SillonQuestionnaireItem *item =
      sillon_questionnaire_lookup_item (sillon_assessment_get_questionnaire (assessment), id);
  return item != NULL ? sillon_questionnaire_item_lookup_label (item, level) : "";
}

/* One list of `compare`: each skill with its level before and after. */
static void
print_moved_skills (const char *heading, const char *const *skills, SillonAssessment *before, SillonAssessment *after)
{
  g_print ("\n%s\n", heading);
  if (skills[0] == NULL)
    g_print ("  %s\n", _ ("none"));
  for (guint i = 0; skills[i] != NULL; i++)
    {
      guint from = 0, to = 0;
      sillon_assessment_get_answer (before, skills[i], &from);
      sillon_assessment_get_answer (after, skills[i], &to);
      g_print ("  %-32s %s → %s\n", skills[i], level_label (before, skills[i], from), level_label (after, skills[i], to));
    }
}

static void
print_comparison (SillonAssessment *before, SillonAssessment *after, SillonAssessmentComparison *comparison)
{
  const char *const *up = sillon_assessment_comparison_get_skills_up (comparison);
  const char *const *down = sillon_assessment_comparison_get_skills_down (comparison);
  const char *unknown = _ ("undated");

  /* Translators: “From 2026-01-10 (questionnaire v1) to 2026-03-02 (questionnaire v1)” */
  g_print (_ ("From %s (questionnaire v%u) to %s (questionnaire v%u)\n"),
           sillon_assessment_get_date (before) != NULL ? sillon_assessment_get_date (before) : unknown,
           sillon_questionnaire_get_version (sillon_assessment_get_questionnaire (before)),
           sillon_assessment_get_date (after) != NULL ? sillon_assessment_get_date (after) : unknown,
           sillon_questionnaire_get_version (sillon_assessment_get_questionnaire (after)));
  g_print ("%s\n", _ ("Only questions answered both times are compared."));

  g_print ("\n");
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      guint from, to, n;
      gint delta;

      if (sillon_assessment_comparison_get_axis (comparison, axis, &from, &to, &delta, &n))
        /* Translators: “Can (access): 40 → 55 (+15), on 8 questions” */
        g_print (ngettext ("  %s: %u → %u (%+d), on %u question\n",
                           "  %s: %u → %u (%+d), on %u questions\n", n),
                 sillon_axis_get_label (axis), from, to, delta, n);
      else
        g_print (_ ("  %s: nothing to compare\n"), sillon_axis_get_label (axis));
    }

  print_moved_skills (_ ("Skills that moved up"), up, before, after);
  print_moved_skills (_ ("Skills that moved down"), down, before, after);
}

int
sillon_cli_assess_compare (int argc, char **argv)
{
  g_auto (AssessOptions) options = { 0 };
  g_autoptr (SillonAssessment) before = NULL;
  g_autoptr (SillonAssessment) after = NULL;
  g_autoptr (SillonAssessmentComparison) comparison = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  status = parse_options (&argc, &argv, &options, ASSESS_FROM_VAULT | ASSESS_POSITIONS,
                          _ ("BEFORE.json AFTER.json | --person ID"),
                          _ ("Compares two answer sets of one person, question by question: two files, or with "
                             "--person the first and last assessments stored in the vault."));
  if (status != SILLON_CLI_EXIT_OK)
    return status;
  if (options.person == NULL && argc != 3)
    {
      sillon_cli_error ("%s", _ ("expected two answer files"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!load_rules (&options, &error))
    return report_failure (error);
  if (options.person != NULL)
    {
      g_autoptr (GPtrArray) stored = g_ptr_array_new_with_free_func (g_object_unref);
      guint n, from, to;

      status = load_person_assessments (&options, stored);
      if (status != SILLON_CLI_EXIT_OK)
        return status;
      n = stored->len;
      if (n < 2)
        {
          /* Translators: %lld is a person's id, %u how many assessments the vault holds for them. */
          sillon_cli_error (ngettext ("Person %lld has %u assessment in the vault: at least two are needed to compare.",
                                      "Person %lld has %u assessments in the vault: at least two are needed to compare.",
                                      n),
                            (long long) options.person_id, n);
          return SILLON_CLI_EXIT_REFUSED;
        }
      from = options.from != POSITION_UNSET ? (guint) options.from : 1;
      to = options.to != POSITION_UNSET ? (guint) options.to : n;
      if (from > n || to > n)
        {
          /* Translators: %lld is a person's id, %u how many assessments the vault holds for them. */
          sillon_cli_error (ngettext ("Person %lld has %u assessment in the vault: give --from and --to between 1 and %u.",
                                      "Person %lld has %u assessments in the vault: give --from and --to between 1 and %u.",
                                      n),
                            (long long) options.person_id, n, n);
          return SILLON_CLI_EXIT_REFUSED;
        }
      before = g_object_ref (g_ptr_array_index (stored, from - 1));
      after = g_object_ref (g_ptr_array_index (stored, to - 1));
    }
  else if ((before = load_answers (&options, argv[1], &error)) == NULL || (after = load_answers (&options, argv[2], &error)) == NULL)
    return report_failure (error);

  comparison = sillon_assessment_compare (before, after);
  if (options.json)
    {
      g_autoptr (JsonNode) node = sillon_assessment_comparison_to_json (comparison);
      print_json (node);
    }
  else
    print_comparison (before, after, comparison);
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_assess_path (int argc, char **argv)
{
  g_auto (AssessOptions) options = { 0 };
  g_autoptr (GPtrArray) assessments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  int status;

  status = parse_options (&argc, &argv, &options, ASSESS_FROM_VAULT, _ ("ANSWERS.json… | --person ID"),
                          _ ("Prints a person’s path over several answer sets, oldest first, as JSON: files, or with "
                             "--person every assessment stored in the vault for that person."));
  if (status != SILLON_CLI_EXIT_OK)
    return status;
  if (options.person == NULL && argc < 2)
    {
      sillon_cli_error ("%s", _ ("expected at least one answer file"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!load_rules (&options, &error))
    return report_failure (error);
  if (options.person != NULL)
    {
      status = load_person_assessments (&options, assessments);
      if (status != SILLON_CLI_EXIT_OK)
        return status;
      if (assessments->len == 0)
        {
          /* Translators: %lld is a person's id. */
          sillon_cli_error (_ ("Person %lld has no assessment in the vault."), (long long) options.person_id);
          return SILLON_CLI_EXIT_REFUSED;
        }
    }
  for (int i = 1; options.person == NULL && i < argc; i++)
    {
      SillonAssessment *assessment = load_answers (&options, argv[i], &error);
      if (assessment == NULL)
        return report_failure (error);
      g_ptr_array_add (assessments, assessment);
    }
  node = sillon_assessment_path_to_json ((SillonAssessment *const *) assessments->pdata, assessments->len,
                                         options.rules, &error);
  if (node == NULL)
    return report_failure (error);
  print_json (node);
  return SILLON_CLI_EXIT_OK;
}

static void
print_item_line (const SillonQuestionnaireItem *item)
{
  /* A questionnaire from --data-dir is a file like any other: escaped. */
  g_autofree char *id = sillon_cli_escape (sillon_questionnaire_item_get_id (item), SILLON_CLI_ESCAPE_FIELD);
  g_autofree char *question = sillon_cli_escape (sillon_questionnaire_item_get_question (item), SILLON_CLI_ESCAPE_FIELD);

  g_print ("%s\t%s\t%s\n", id, sillon_axis_to_id (sillon_questionnaire_item_get_axis (item)), question);
}

/* The quick form, one question a line: what a script or a mediator at a
 * terminal asks in the two-minute slot. */
int
sillon_cli_assess_quick (int argc, char **argv)
{
  g_auto (AssessOptions) options = { 0 };
  g_autoptr (SillonQuickForm) form = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  status = parse_options (&argc, &argv, &options, ASSESS_FILES_ONLY, NULL,
                          _ ("Lists the questions of the quick assessment: id, axis and question, tab-separated. "
                             "Its answers are answers of the full questionnaire."));
  if (status != SILLON_CLI_EXIT_OK)
    return status;
  if (argc != 1)
    {
      sillon_cli_error ("%s", _ ("“quick” takes no file"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!load_rules (&options, &error) || (form = sillon_quick_form_load (options.registry, &error)) == NULL)
    return report_failure (error);
  if (options.json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, sillon_quick_form_get_version (form));
      json_builder_set_member_name (builder, "questionnaire_version");
      json_builder_add_int_value (builder, sillon_questionnaire_get_version (sillon_quick_form_get_questionnaire (form)));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, sillon_quick_form_get_title (form));
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < sillon_quick_form_get_n_items (form); i++)
        json_builder_add_string_value (builder, sillon_questionnaire_item_get_id (sillon_quick_form_get_item (form, i)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      print_json (node);
      return SILLON_CLI_EXIT_OK;
    }
  for (guint i = 0; i < sillon_quick_form_get_n_items (form); i++)
    print_item_line (sillon_quick_form_get_item (form, i));
  return SILLON_CLI_EXIT_OK;
}

/* What is still to ask after an answer set: the rest of the quick form
 * with --quick, else the rest of the full questionnaire. */
int
sillon_cli_assess_next (int argc, char **argv)
{
  g_auto (AssessOptions) options = { 0 };
  g_autoptr (SillonAssessment) assessment = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  status = parse_options (&argc, &argv, &options, ASSESS_QUICK, _ ("ANSWERS.json"),
                          _ ("Lists the questions an answer set has not asked yet, in order: the rest of the full "
                             "questionnaire, or with --quick the rest of the quick assessment. "
                             "Id, axis and question, tab-separated; a skipped question counts as asked."));
  if (status != SILLON_CLI_EXIT_OK)
    return status;
  if (!sillon_cli_check_one_argument (argc, _ ("expected one answer file")))
    return SILLON_CLI_EXIT_USAGE;
  if (!load_rules (&options, &error) || (assessment = load_answers (&options, argv[1], &error)) == NULL)
    return report_failure (error);
  if (options.quick)
    {
      g_autoptr (SillonQuickForm) form = sillon_quick_form_load (options.registry, &error);

      if (form == NULL)
        return report_failure (error);
      for (guint i = 0; i < sillon_quick_form_get_n_items (form); i++)
        {
          const SillonQuestionnaireItem *item = sillon_quick_form_get_item (form, i);
          const char *id = sillon_questionnaire_item_get_id (item);

          if (sillon_assessment_get_answer (assessment, id, NULL) == SILLON_ANSWER_NONE && sillon_questionnaire_lookup_item (sillon_assessment_get_questionnaire (assessment), id) == item)
            print_item_line (item);
        }
    }
  else
    {
      g_autoptr (GPtrArray) unasked = sillon_assessment_list_unasked_items (assessment);

      for (guint i = 0; i < unasked->len; i++)
        print_item_line (g_ptr_array_index (unasked, i));
    }
  return SILLON_CLI_EXIT_OK;
}
