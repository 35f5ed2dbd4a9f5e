/* test-widget-util.c — what the forms, dialogs and pages share
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small helpers of src/ui that several widgets call in place of their
 * own copy (sillon-widget-util.c, sillon-message-label.c,
 * sillon-question-dialog.c, sillon_page_get_store_of()): each gives what
 * the copies gave. Run under Xvfb, as they need GTK.
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "sillon-message-label.h"
#include "sillon-page.h"
#include "sillon-question-dialog.h"
#include "sillon-widget-util.h"
#include "../core/test-dir-util.h"
#include "../core/test-session-util.h"

static void
test_entry_text (void)
{
  GtkWidget *entry = g_object_ref_sink (gtk_entry_new ());
  const struct
  {
    const char *typed;
    const char *read;
  } cases[] = {
    { "Amina", "Amina" },
    { "  Amina Benali \t", "Amina Benali" },
    { "a  b", "a  b" },
    { "", NULL },
    { "   \t ", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *read = NULL;

      gtk_entry_set_text (GTK_ENTRY (entry), cases[i].typed);
      read = sillon_entry_dup_text (GTK_ENTRY (entry));
      g_assert_cmpstr (read, ==, cases[i].read);
    }
  g_object_unref (entry);
}

static void
test_text_view_text (void)
{
  GtkWidget *view = g_object_ref_sink (gtk_text_view_new ());
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autofree char *read = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *empty = NULL;

  gtk_text_buffer_set_text (buffer, "\n  Came for the CAF site.\nBring the letter. \n\n", -1);
  read = sillon_text_view_dup_text (GTK_TEXT_VIEW (view));
  g_assert_cmpstr (read, ==, "Came for the CAF site.\nBring the letter.");

  gtk_text_buffer_set_text (buffer, " \n\t\n ", -1);
  blank = sillon_text_view_dup_text (GTK_TEXT_VIEW (view));
  g_assert_null (blank);

  gtk_text_buffer_set_text (buffer, "", -1);
  empty = sillon_text_view_dup_text (GTK_TEXT_VIEW (view));
  g_assert_null (empty);
  g_object_unref (view);
}

static void
test_combo_popup_name (void)
{
  GtkWidget *combo = g_object_ref_sink (gtk_combo_box_text_new ());
  AtkObject *popup;

  gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), "30", "30 min");
  atk_object_set_name (gtk_widget_get_accessible (combo), "Duration");
  popup = gtk_combo_box_get_popup_accessible (GTK_COMBO_BOX (combo));
  g_assert_nonnull (popup);

  /* Without a name: the combo box's own. */
  sillon_combo_box_name_popup (GTK_COMBO_BOX (combo), NULL);
  g_assert_cmpstr (atk_object_get_name (popup), ==, "Duration");
  /* With one: that one, the combo box keeping its own. */
  sillon_combo_box_name_popup (GTK_COMBO_BOX (combo), "Compare with");
  g_assert_cmpstr (atk_object_get_name (popup), ==, "Compare with");
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (combo)), ==, "Duration");
  g_object_unref (combo);
}

static int
count_rows (GtkComboBox *combo)
{
  return gtk_tree_model_iter_n_children (gtk_combo_box_get_model (combo), NULL);
}

static void
test_append_vocabulary (void)
{
  g_autoptr (GError) error = NULL;
  SillonVocabulary *vocabulary = sillon_vocabulary_new_default (&error);
  GtkWidget *combo = g_object_ref_sink (gtk_combo_box_text_new ());
  const SillonVocabularyValue *values;
  gsize n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (vocabulary);
  values = sillon_vocabulary_get_values (vocabulary, "TypeLieu", &n, NULL);
  g_assert_cmpuint (n, >, 1);

  /* No vocabulary yet (locked): nothing added, what was there kept. */
  gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), "-", "Not said");
  sillon_combo_box_text_append_vocabulary (GTK_COMBO_BOX_TEXT (combo), NULL, "TypeLieu");
  g_assert_cmpint (count_rows (GTK_COMBO_BOX (combo)), ==, 1);

  /* Each value after it, by its API value, shown by its display label. */
  sillon_combo_box_text_append_vocabulary (GTK_COMBO_BOX_TEXT (combo), vocabulary, "TypeLieu");
  g_assert_cmpint (count_rows (GTK_COMBO_BOX (combo)), ==, (int) n + 1);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *shown = NULL;

      g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), values[i].api));
      g_assert_cmpint (gtk_combo_box_get_active (GTK_COMBO_BOX (combo)), ==, (int) i + 1);
      shown = gtk_combo_box_text_get_active_text (GTK_COMBO_BOX_TEXT (combo));
      g_assert_cmpstr (shown, ==, sillon_vocabulary_get_display_label (vocabulary, "TypeLieu", values[i].api, NULL));
    }

  /* An enumeration the vocabulary lacks adds nothing. */
  sillon_combo_box_text_append_vocabulary (GTK_COMBO_BOX_TEXT (combo), vocabulary, "NoSuchList");
  g_assert_cmpint (count_rows (GTK_COMBO_BOX (combo)), ==, (int) n + 1);
  g_object_unref (combo);
  sillon_vocabulary_free (vocabulary);
}

static void
test_destroy_children (void)
{
  GtkWidget *box = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *child = gtk_label_new ("answer");
  g_autoptr (GList) left = NULL;

  g_object_add_weak_pointer (G_OBJECT (child), (gpointer *) &child);
  gtk_container_add (GTK_CONTAINER (box), child);
  gtk_container_add (GTK_CONTAINER (box), gtk_label_new ("another"));
  gtk_container_add (GTK_CONTAINER (box), gtk_button_new_with_label ("a third"));

  sillon_container_destroy_children (GTK_CONTAINER (box));
  left = gtk_container_get_children (GTK_CONTAINER (box));
  g_assert_null (left);
  g_assert_null (child);
  /* An empty container is left as it is. */
  sillon_container_destroy_children (GTK_CONTAINER (box));
  g_object_unref (box);
}

static void
test_message_label_printf (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

  gtk_widget_hide (label);
  sillon_message_label_set_printf (GTK_LABEL (label), "The places cannot be searched: %s", "disk I/O error");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "The places cannot be searched: disk I/O error");

  sillon_message_label_set_printf (GTK_LABEL (label), "%u answers", 3u);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "3 answers");

  sillon_message_label_set (GTK_LABEL (label), NULL);
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "");
  g_object_unref (label);
}

static GtkWidget *
button_for (GtkWidget *dialog, int response)
{
  return gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), response);
}

static gboolean
has_class (GtkWidget *widget, const char *style_class)
{
  return gtk_style_context_has_class (gtk_widget_get_style_context (widget), style_class);
}

static void
test_question_dialog (void)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *inside = gtk_label_new ("a form");
  const SillonQuestionAnswer answers[] = {
    { "_Cancel", GTK_RESPONSE_CANCEL, NULL },
    { "_Discard", GTK_RESPONSE_REJECT, "destructive-action" },
    { "_Save", GTK_RESPONSE_ACCEPT, "suggested-action" },
  };
  GtkWidget *dialog;
  g_autofree char *secondary = NULL;

  gtk_container_add (GTK_CONTAINER (window), inside);
  g_assert_true (sillon_widget_get_window (inside) == GTK_WINDOW (window));
  g_assert_true (sillon_widget_get_window (window) == GTK_WINDOW (window));
  dialog = sillon_question_dialog_new (inside, "Save the new workshop?", "If you leave without saving, what you entered is lost.",
                                       answers, G_N_ELEMENTS (answers), GTK_RESPONSE_ACCEPT);

  /* Over the window of the widget that asks, modal, named after the question. */
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_destroy_with_parent (GTK_WINDOW (dialog)));
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (dialog)), ==, "Save the new workshop?");
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (secondary, ==, "If you leave without saving, what you entered is lost.");

  /* The answers in order, with their mnemonics and styles. */
  for (gsize i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      GtkWidget *button = button_for (dialog, answers[i].response);

      g_assert_nonnull (button);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, answers[i].label);
      g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (button)));
      g_assert_true (has_class (button, "destructive-action") == (g_strcmp0 (answers[i].style_class, "destructive-action") == 0));
      g_assert_true (has_class (button, "suggested-action") == (g_strcmp0 (answers[i].style_class, "suggested-action") == 0));
    }

  /* Enter's answer has the focus, and shows it. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == button_for (dialog, GTK_RESPONSE_ACCEPT));
  g_assert_true (gtk_widget_has_default (button_for (dialog, GTK_RESPONSE_ACCEPT)));
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (dialog)));
  gtk_widget_destroy (dialog);

  /* The safe answer as the default, and no detail. */
  dialog = sillon_question_dialog_new (inside, "Discard this assessment?", NULL, answers, 2, GTK_RESPONSE_CANCEL);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == button_for (dialog, GTK_RESPONSE_CANCEL));
  g_assert_null (button_for (dialog, GTK_RESPONSE_ACCEPT));
  g_clear_pointer (&secondary, g_free);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_null (secondary);
  gtk_widget_destroy (dialog);

  /* A widget in no window yet: a dialog of its own. */
  {
    GtkWidget *alone = g_object_ref_sink (gtk_label_new ("alone"));

    g_assert_null (sillon_widget_get_window (alone));
    dialog = sillon_question_dialog_new (alone, "Revoke?", "Detail.", answers, 1, GTK_RESPONSE_CANCEL);
    g_assert_null (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
    gtk_widget_destroy (dialog);
    g_object_unref (alone);
  }
  gtk_widget_destroy (window);
}

static void
test_page_store_of (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sillon-widget-util-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  GtkWidget *page = g_object_ref_sink (g_object_new (SILLON_TYPE_PAGE, NULL));
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *inside = gtk_entry_new ();
  GtkWidget *outside = g_object_ref_sink (gtk_entry_new ());

  g_assert_no_error (error);
  path = g_build_filename (dir, "vault.sillon", NULL);
  gtk_container_add (GTK_CONTAINER (section), inside);
  gtk_container_add (GTK_CONTAINER (page), section);

  /* No page above, or a page without a vault. */
  g_assert_null (sillon_page_get_store_of (outside));
  g_assert_null (sillon_page_get_store_of (inside));

  /* The page's store, from any depth; the page itself too. */
  session = session_test_create_and_open (path, "Ada", "correct horse battery");
  sillon_page_set_session (SILLON_PAGE (page), session);
  g_assert_nonnull (sillon_vault_session_get_store (session));
  g_assert_true (sillon_page_get_store_of (inside) == sillon_vault_session_get_store (session));
  g_assert_true (sillon_page_get_store_of (section) == sillon_vault_session_get_store (session));
  g_assert_true (sillon_page_get_store_of (page) == sillon_page_get_store (SILLON_PAGE (page)));
  g_assert_null (sillon_page_get_store_of (outside));

  /* Locked: nothing to borrow. */
  sillon_vault_session_lock (session);
  g_assert_null (sillon_page_get_store_of (inside));

  g_object_unref (outside);
  gtk_widget_destroy (page);
  g_object_unref (page);
  test_remove_tree (dir);
}

/* Rows whose label holds the entry's text: a search's filter. */
static gboolean
filter_row (GtkListBoxRow *row,
            gpointer user_data)
{
  const char *query = gtk_entry_get_text (GTK_ENTRY (user_data));
  GtkWidget *child = gtk_bin_get_child (GTK_BIN (row));

  return strstr (gtk_button_get_label (GTK_BUTTON (child)), query) != NULL;
}

static gboolean
press_down (GtkWidget *entry,
            GdkModifierType state)
{
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);
  gboolean handled;

  event->key.window = g_object_ref (gtk_widget_get_window (entry));
  event->key.keyval = GDK_KEY_Down;
  event->key.state = state;
  gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (gdk_display_get_default ())));
  handled = gtk_widget_event (entry, event);
  gdk_event_free (event);
  return handled;
}

/* Down in a search goes to the first row shown: a row the filter hides is
 * passed over, a row that takes no focus gives it to its check button, a
 * focusable row takes it itself; nothing to go to, or Down with a
 * modifier, is left to GTK. */
static void
test_search_down_to_list (void)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *checks[2];
  const char *labels[] = { "apple", "banana" };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();

      checks[i] = gtk_check_button_new_with_label (labels[i]);
      gtk_widget_set_can_focus (row, FALSE);
      gtk_container_add (GTK_CONTAINER (row), checks[i]);
      gtk_container_add (GTK_CONTAINER (list), row);
    }
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_row, entry, NULL);
  gtk_container_add (GTK_CONTAINER (box), entry);
  gtk_container_add (GTK_CONTAINER (box), list);
  gtk_container_add (GTK_CONTAINER (window), box);
  sillon_search_entry_down_to_list (GTK_ENTRY (entry), GTK_LIST_BOX (list));
  gtk_widget_show_all (window);
  while (!gtk_widget_is_drawable (list))
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_grab_focus (entry);
  gtk_entry_set_text (GTK_ENTRY (entry), "ban");
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (list));
  g_assert_true (press_down (entry, 0));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == checks[1]);

  /* With a modifier, Down is not the search's. */
  gtk_widget_grab_focus (entry);
  g_assert_false (press_down (entry, GDK_SHIFT_MASK) && gtk_window_get_focus (GTK_WINDOW (window)) == checks[1]);

  /* Nothing found: the focus stays. */
  gtk_widget_grab_focus (entry);
  gtk_entry_set_text (GTK_ENTRY (entry), "cherry");
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (list));
  press_down (entry, 0);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == entry);

  /* A row that takes the focus takes it itself. */
  {
    GtkListBoxRow *first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);

    gtk_widget_set_can_focus (GTK_WIDGET (first), TRUE);
    gtk_entry_set_text (GTK_ENTRY (entry), "app");
    gtk_list_box_invalidate_filter (GTK_LIST_BOX (list));
    g_assert_true (press_down (entry, 0));
    g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == GTK_WIDGET (first));
  }
  gtk_widget_destroy (window);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  sillon_vault_register_vfs ();
  g_test_add_func ("/widget-util/entry-text", test_entry_text);
  g_test_add_func ("/widget-util/text-view-text", test_text_view_text);
  g_test_add_func ("/widget-util/combo-popup-name", test_combo_popup_name);
  g_test_add_func ("/widget-util/append-vocabulary", test_append_vocabulary);
  g_test_add_func ("/widget-util/destroy-children", test_destroy_children);
  g_test_add_func ("/message-label/printf", test_message_label_printf);
  g_test_add_func ("/question-dialog/new", test_question_dialog);
  g_test_add_func ("/page/store-of", test_page_store_of);
  g_test_add_func ("/widget-util/search-down-to-list", test_search_down_to_list);
  return g_test_run ();
}
