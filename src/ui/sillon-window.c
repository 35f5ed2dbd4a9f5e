/* sillon-window.c — the main window: which page shows, and when the vault locks
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window only navigates. Each screen is a SillonPage of its own (with
 * its template) that reports what the mediator did through its signals;
 * the window answers by showing the next page. It also holds the open
 * vault's session, gives it to the pages, and locks it: on the lock
 * button, after the idle delay or when the screen locks, and on leaving.
 */

#include "config.h"

#include "sillon-window.h"

#include <glib/gi18n.h>

#include "sillon-assessment-wizard.h"
#include "sillon-auto-lock.h"
#include "sillon-create-vault-page.h"
#include "sillon-dashboard-page.h"
#include "sillon-people-page.h"
#include "sillon-profile.h"
#include "sillon-person-page.h"
#include "sillon-recovery-key-page.h"
#include "sillon-referrals-page.h"
#include "sillon-places-page.h"
#include "sillon-unlock-page.h"
#include "sillon-vault-session.h"
#include "sillon-workshop-page.h"
#include "sillon-workshops-page.h"

struct _SillonWindow
{
  GtkApplicationWindow parent_instance;

  char *vault_path;
  GSettings *settings;
  SillonVaultSession *session; /* NULL while locked */
  /* A vault was created but its store could not be opened: shown once the
   * recovery key, which is shown only once, has been copied. */
  GError *pending_store_error;
  SillonAutoLock *auto_lock;
  GBinding *title_binding; /* the visible page's title → the subtitle */

  GtkHeaderBar *header_bar;
  GtkWidget *lock_button;
  GtkWidget *back_button;
  GtkMenuButton *primary_menu_button;
  GtkStack *stack;
  GtkStack *areas_stack;
  GtkWidget *area_switcher; /* the header bar's title while the desk shows */
  SillonCreateVaultPage *create_page;
  SillonRecoveryKeyPage *recovery_page;
  SillonUnlockPage *unlock_page;
  SillonPeoplePage *people_page;
  SillonWorkshopsPage *workshops_page;
  SillonPlacesPage *places_page;
  SillonPersonPage *person_page;
  SillonWorkshopPage *workshop_page;
  SillonAssessmentWizard *wizard;
  SillonDashboardPage *dashboard_page;
  SillonPage *store_error_page;
  GtkLabel *store_error_label;
  /* Every page agreed to be left: closing goes on without asking again. */
  gboolean leaving;
};

G_DEFINE_FINAL_TYPE (SillonWindow, sillon_window, GTK_TYPE_APPLICATION_WINDOW)

/* What the window does once its pages agreed to be left. */
typedef enum
{
  LEAVE_CLOSE,
  LEAVE_QUIT,
  LEAVE_FOR_AREA,
} LeaveThen;

static gboolean ask_pages_before_leaving (SillonWindow *self, LeaveThen then, const char *area_name);

enum
{
  PROP_0,
  PROP_VAULT_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ── Pages ─────────────────────────────────────────────────────────────── */

static void
update_lock_action (SillonWindow *self)
{
  /* The store error page offers to lock even when opening the store failed
   * and the session already locked itself: locking leads back to the
   * unlock page. */
  gboolean open = (self->session != NULL && !sillon_vault_session_is_locked (self->session)) ||
                  gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->store_error_page);
  GAction *lock = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");

  if (lock == NULL) /* still being built */
    return;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (lock), open);
  gtk_widget_set_visible (self->lock_button, open);
}

/* The page the mediator sees: in the desk, its visible area. */
static GtkWidget *
visible_page (SillonWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);

  if (page == GTK_WIDGET (self->areas_stack))
    page = gtk_stack_get_visible_child (self->areas_stack);
  return page;
}

/* The areas can be reached from the desk and from the pages opened from
 * it, not while locked, and not from the middle of an assessment, which
 * has its own way out. */
static void
update_area_action (SillonWindow *self)
{
  GtkWidget *shown = gtk_stack_get_visible_child (self->stack);
  GAction *show_area = g_action_map_lookup_action (G_ACTION_MAP (self), "show-area");
  gboolean open = self->session != NULL && !sillon_vault_session_is_locked (self->session);

  if (show_area == NULL)
    return;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (show_area),
                               open && (shown == GTK_WIDGET (self->areas_stack) ||
                                        shown == GTK_WIDGET (self->person_page) ||
                                        shown == GTK_WIDGET (self->workshop_page)));
}

/* The header bar says where the mediator is: the visible page's title. */
static void
on_stack_visible_child_changed (SillonWindow *self)
{
  GtkWidget *page = visible_page (self);
  gboolean desk = gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->areas_stack);

  g_clear_pointer (&self->title_binding, g_binding_unbind);
  /* On the desk the switcher says which area shows; elsewhere the title
   * and the page's title as subtitle. */
  gtk_header_bar_set_custom_title (self->header_bar, desk ? self->area_switcher : NULL);
  if (SILLON_IS_PAGE (page))
    self->title_binding = g_object_bind_property (page, "title", self->header_bar, "subtitle", G_BINDING_SYNC_CREATE);
  /* The back button belongs in the header bar (GNOME HIG), on the pages
   * that have somewhere to go back to. */
  if (self->back_button != NULL)
    gtk_widget_set_visible (self->back_button,
                            page == GTK_WIDGET (self->person_page) || page == GTK_WIDGET (self->wizard) ||
                                page == GTK_WIDGET (self->workshop_page));
  update_lock_action (self);
  update_area_action (self);
}

/* The visible page's own action: person.back, or wizard.cancel (which
 * asks before dropping answers). */
static void
on_back_button_clicked (SillonWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  GActionGroup *group = NULL;
  const char *action = NULL;

  if (page == GTK_WIDGET (self->person_page))
    {
      group = gtk_widget_get_action_group (page, "person");
      action = "back";
    }
  else if (page == GTK_WIDGET (self->wizard))
    {
      group = gtk_widget_get_action_group (page, "wizard");
      action = "cancel";
    }
  else if (page == GTK_WIDGET (self->workshop_page))
    {
      group = gtk_widget_get_action_group (page, "workshop");
      action = "back";
    }
  if (group != NULL && g_action_group_get_action_enabled (group, action))
    g_action_group_activate_action (group, action, NULL);
}

static void
show_page (SillonWindow *self,
           gpointer page)
{
  /* An area shows inside the desk. */
  if (gtk_widget_get_parent (GTK_WIDGET (page)) == GTK_WIDGET (self->areas_stack))
    {
      gtk_stack_set_visible_child (self->areas_stack, GTK_WIDGET (page));
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->areas_stack));
    }
  else
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (page));
  sillon_page_switch_to (SILLON_PAGE (page));
  update_lock_action (self);
  update_area_action (self);
}

/* Every page works on the window's session, and lets go of it when it
 * locks. */
static void
set_session (SillonWindow *self,
             SillonVaultSession *session)
{
  g_autoptr (GList) pages = gtk_container_get_children (GTK_CONTAINER (self->stack));
  g_autoptr (GList) areas = gtk_container_get_children (GTK_CONTAINER (self->areas_stack));

  g_set_object (&self->session, session);
  for (GList *l = pages; l != NULL; l = l->next)
    if (SILLON_IS_PAGE (l->data))
      sillon_page_set_session (l->data, session);
  for (GList *l = areas; l != NULL; l = l->next)
    sillon_page_set_session (l->data, session);
  update_area_action (self);
}

/* @keep_assessment: an assessment under way stays in memory (never on
 * disk) for when the mediator unlocks again; closing the window drops it.
 * The pages clear themselves when the session says it has locked. */
static void
lock_vault (SillonWindow *self,
            gboolean keep_assessment)
{
  if (!keep_assessment)
    sillon_assessment_wizard_reset (self->wizard);
  /* Its copy of the vault must be finished while the connection is open. */
  sillon_dashboard_page_stop (self->dashboard_page);
  if (self->session != NULL)
    sillon_vault_session_lock (self->session);
  set_session (self, NULL);
  g_clear_error (&self->pending_store_error);
}

static void
show_store_error (SillonWindow *self,
                  const GError *error)
{
  /* Translators: %s is the technical reason. */
  g_autofree char *text = g_strdup_printf (_ ("The vault is open, but Sillon cannot read or update the records inside it. "
                                              "Nothing was changed. Lock the vault and ask for help before going on.\n\n%s"),
                                           error->message);

  gtk_label_set_text (self->store_error_label, text);
  show_page (self, self->store_error_page);
}

/* Just unlocked: the people, or the assessment the lock interrupted. */
static void
show_home (SillonWindow *self)
{
  /* The idle delay starts again from the unlock. */
  sillon_auto_lock_reset (self->auto_lock);

  if (sillon_assessment_wizard_is_active (self->wizard))
    {
      g_autoptr (GError) error = NULL;

      /* The person page is what the wizard returns to. */
      if (!sillon_person_page_load (self->person_page, sillon_assessment_wizard_get_beneficiary_id (self->wizard), &error))
        {
          sillon_assessment_wizard_reset (self->wizard);
          show_store_error (self, error);
          return;
        }
      sillon_assessment_wizard_resume (self->wizard);
      show_page (self, self->wizard);
      return;
    }
  /* Each page that kept work over the lock (a workshop not saved, the new
   * person's form) puts it back; the first one shows. */
  {
    g_autoptr (GList) pages = gtk_container_get_children (GTK_CONTAINER (self->stack));
    GtkWidget *resumed = NULL;

    pages = g_list_concat (pages, gtk_container_get_children (GTK_CONTAINER (self->areas_stack)));
    for (GList *l = pages; l != NULL; l = l->next)
      {
        g_autoptr (GError) error = NULL;

        if (!SILLON_IS_PAGE (l->data))
          continue;
        if (sillon_page_resume (l->data, &error))
          {
            if (resumed == NULL)
              resumed = l->data;
          }
        else if (error != NULL)
          {
            show_store_error (self, error);
            return;
          }
      }
    show_page (self, resumed != NULL ? resumed : GTK_WIDGET (self->people_page));
  }
}

static void
on_create_page_created (SillonWindow *self,
                        SillonVaultSession *session,
                        const char *recovery_key,
                        const GError *store_error)
{
  set_session (self, session);
  g_clear_error (&self->pending_store_error);
  if (session == NULL && store_error != NULL)
    self->pending_store_error = g_error_copy (store_error);
  sillon_recovery_key_page_set_key (self->recovery_page, recovery_key);
  show_page (self, self->recovery_page);
}

static void
on_recovery_page_acknowledged (SillonWindow *self)
{
  if (self->pending_store_error != NULL)
    {
      g_autoptr (GError) error = g_steal_pointer (&self->pending_store_error);
      show_store_error (self, error);
      return;
    }
  show_home (self);
}

static void
on_unlock_page_unlocked (SillonWindow *self,
                         SillonVaultSession *session,
                         const GError *store_error)
{
  SillonProfileStart start = sillon_profile_start_now ();

  if (session == NULL)
    {
      /* The passphrase was right; the records inside are what failed. */
      show_store_error (self, store_error);
      return;
    }
  set_session (self, session);
  show_home (self);
  /* From the unlocked vault (the key derivation is behind us) to the
   * people on screen. */
  sillon_profile_until_painted_cpu (GTK_WIDGET (self), "unlock-to-desk", start.wall_us, start.cpu_us);
}

static void
on_person_activated (SillonWindow *self,
                     gint64 beneficiary_id)
{
  g_autoptr (GError) error = NULL;
  SillonProfileStart start = sillon_profile_start_now ();

  if (!sillon_person_page_load (self->person_page, beneficiary_id, &error))
    {
      show_store_error (self, error);
      return;
    }
  show_page (self, self->person_page);
  /* From the person chosen to their page painted, story included. */
  sillon_profile_until_painted_cpu (GTK_WIDGET (self), "open-person", start.wall_us, start.cpu_us);
}

/* Ctrl+Shift+N on the list: the session is logged from the person's
 * page, which shows the new entry of their story and its Undo. */
static void
on_people_page_log_session (SillonWindow *self,
                            gint64 beneficiary_id)
{
  on_person_activated (self, beneficiary_id);
  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->person_page))
    sillon_person_page_log_session (self->person_page);
}

static void
on_person_page_back (SillonWindow *self)
{
  sillon_person_page_clear (self->person_page);
  show_page (self, self->people_page);
}

static void
on_person_page_new_assessment (SillonWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (!sillon_assessment_wizard_start (self->wizard, sillon_person_page_get_beneficiary_id (self->person_page),
                                       sillon_person_page_get_display_name (self->person_page), &error))
    {
      /* Translators: %s is the technical reason. */
      g_autofree char *text = g_strdup_printf (_ ("The questionnaire cannot be loaded: %s"), error->message);
      sillon_person_page_show_message (self->person_page, text);
      return;
    }
  show_page (self, self->wizard);
}

static void
return_to_person (SillonWindow *self)
{
  on_person_activated (self, sillon_person_page_get_beneficiary_id (self->person_page));
}

static void
on_wizard_saved (SillonWindow *self,
                 gint64 assessment_id)
{
  return_to_person (self);
}

static void
on_wizard_cancelled (SillonWindow *self)
{
  return_to_person (self);
}

static void
open_workshop (SillonWindow *self,
               gint64 workshop_id)
{
  g_autoptr (GError) error = NULL;
  SillonProfileStart start = sillon_profile_start_now ();

  if (!sillon_workshop_page_load (self->workshop_page, workshop_id, &error))
    {
      show_store_error (self, error);
      return;
    }
  show_page (self, self->workshop_page);
  sillon_profile_until_painted_cpu (GTK_WIDGET (self), "workshop-open", start.wall_us, start.cpu_us);
}

static void
on_workshop_activated (SillonWindow *self,
                       gint64 workshop_id)
{
  open_workshop (self, workshop_id);
}

static void
on_new_workshop (SillonWindow *self)
{
  open_workshop (self, 0);
}

static void
on_workshop_page_back (SillonWindow *self)
{
  sillon_workshop_page_clear (self->workshop_page);
  show_page (self, self->workshops_page);
}

/* Alt+1… (set from the areas' order in sillon_window_constructed()). The
 * page shown may hold work not saved: it is asked first. */
static void
on_show_area_activated (GSimpleAction *action,
                        GVariant *parameter,
                        gpointer user_data)
{
  SillonWindow *self = SILLON_WINDOW (user_data);
  const char *name = g_variant_get_string (parameter, NULL);

  if (gtk_stack_get_child_by_name (self->areas_stack, name) != NULL)
    ask_pages_before_leaving (self, LEAVE_FOR_AREA, name);
}

/* The switcher's buttons say which key leads to their area, and each area
 * gets Alt+its position: adding an area is adding a child to the areas'
 * stack. */
static void
set_up_areas (SillonWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr (GList) areas = gtk_container_get_children (GTK_CONTAINER (self->areas_stack));
  g_autoptr (GList) buttons = gtk_container_get_children (GTK_CONTAINER (self->area_switcher));
  guint position = 1;

  for (GList *l = areas, *b = buttons; l != NULL && position <= 9; l = l->next, position++)
    {
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;
      g_autofree char *detailed = NULL;
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", position);
      g_autofree char *keypad = g_strdup_printf ("<Alt>KP_%u", position);
      const char *accels[] = { accel, keypad, NULL };

      gtk_container_child_get (GTK_CONTAINER (self->areas_stack), l->data, "name", &name, "title", &title, NULL);
      detailed = g_strdup_printf ("win.show-area::%s", name);
      if (app != NULL)
        gtk_application_set_accels_for_action (app, detailed, accels);
      if (b != NULL)
        {
          /* Translators: a tooltip: %1$s is an area of the desk (People…), %2$u its key. */
          g_autofree char *tooltip = g_strdup_printf (_ ("%1$s (Alt+%2$u)"), title, position);

          gtk_widget_set_tooltip_text (b->data, tooltip);
          b = b->next;
        }
    }
}

/* ── Locking ───────────────────────────────────────────────────────────── */

static void
on_lock_activated (GSimpleAction *action,
                   GVariant *parameter,
                   gpointer user_data)
{
  SillonWindow *self = SILLON_WINDOW (user_data);

  lock_vault (self, TRUE);
  show_page (self, self->unlock_page);
}

/* Idle delay or screen lock: lock as the lock button does, keeping an
 * assessment in progress in memory so that the mediator finds it again. */
static void
on_auto_lock_requested (SillonWindow *self)
{
  if (self->session == NULL)
    return;
  lock_vault (self, TRUE);
  show_page (self, self->unlock_page);
}

/* F10 opens the main menu, as in every GNOME application. */
static void
on_show_primary_menu_activated (GSimpleAction *action,
                                GVariant *parameter,
                                gpointer user_data)
{
  SillonWindow *self = SILLON_WINDOW (user_data);
  gboolean active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->primary_menu_button));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->primary_menu_button), !active);
}

static const GActionEntry win_actions[] = {
  { "lock", on_lock_activated, NULL, NULL, NULL, { 0 } },
  { "show-primary-menu", on_show_primary_menu_activated, NULL, NULL, NULL, { 0 } },
  { "show-area", on_show_area_activated, "s", NULL, NULL, { 0 } },
};

/* ── Shortcuts window ──────────────────────────────────────────────────── */

/* Shortcuts that are mnemonics of a button or expander: the key shown is
 * the underlined letter of the label in the UI's language, which differs
 * from one translation to the next. Matched on the shortcut's title. */
static const struct
{
  const char *title;
  const char *label;
} mnemonic_shortcuts[] = {
  { N_ ("Choose the quick assessment"), N_ ("_Quick Assessment") },
  { N_ ("Choose the full assessment"), N_ ("F_ull Assessment") },
  { N_ ("Finish now and see the result"), N_ ("_Finish Now") },
  { N_ ("Show the help for the mediator"), N_ ("_Help for the mediator") },
};

/* "<Alt>f" for "_Finish Now"; NULL if the label has no mnemonic. */
static char *
mnemonic_accelerator (const char *label)
{
  for (const char *p = label; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p != '_')
        continue;
      p++;
      if (*p == '_') /* "__" is a literal underscore */
        continue;
      if (*p == '\0')
        return NULL;
      {
        guint keyval = gdk_unicode_to_keyval (g_unichar_tolower (g_utf8_get_char (p)));
        return gtk_accelerator_name (keyval, GDK_MOD1_MASK);
      }
    }
  return NULL;
}

static void
set_mnemonic_shortcut (GtkWidget *widget,
                       gpointer user_data)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      for (gsize i = 0; i < G_N_ELEMENTS (mnemonic_shortcuts); i++)
        {
          g_autofree char *accel = NULL;

          if (g_strcmp0 (title, _ (mnemonic_shortcuts[i].title)) != 0)
            continue;
          accel = mnemonic_accelerator (_ (mnemonic_shortcuts[i].label));
          g_object_set (widget, "accelerator", accel, NULL);
          gtk_widget_set_visible (widget, accel != NULL);
        }
      return;
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), set_mnemonic_shortcut, NULL);
}

/* ── Leaving ───────────────────────────────────────────────────────────── */

static void
save_window_state (SillonWindow *self)
{
  int width, height;

  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_boolean (self->settings, "window-maximized", TRUE);
      return;
    }
  gtk_window_get_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", FALSE);
}

/* The pages asked one after the other, the visible one first, each
 * answering once the mediator has saved, discarded or chosen to stay. */
typedef struct
{
  SillonWindow *window;
  GList *pages; /* SillonPage*, each with a reference */
  GList *next;
  LeaveThen then;
  char *area; /* LEAVE_FOR_AREA: the area's name */
} LeaveRequest;

static void
leave_request_free (LeaveRequest *request)
{
  g_list_free_full (request->pages, g_object_unref);
  g_object_unref (request->window);
  g_free (request->area);
  g_free (request);
}

static void ask_next_page (LeaveRequest *request);

static void
on_page_leave_answered (GObject *source,
                        GAsyncResult *result,
                        gpointer user_data)
{
  LeaveRequest *request = user_data;
  g_autoptr (GError) error = NULL;

  /* Staying (or a question already shown, which keeps the answer). */
  if (!sillon_page_ask_leave_finish (SILLON_PAGE (source), result, &error))
    {
      leave_request_free (request);
      return;
    }
  ask_next_page (request);
}

static void
leave_now (SillonWindow *self,
           LeaveThen then,
           const char *area_name)
{
  switch (then)
    {
      case LEAVE_QUIT:
        {
          GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

          self->leaving = TRUE;
          if (app != NULL)
            g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
          else
            gtk_window_close (GTK_WINDOW (self));
          break;
        }
      case LEAVE_CLOSE:
        self->leaving = TRUE;
        gtk_window_close (GTK_WINDOW (self));
        break;
      case LEAVE_FOR_AREA:
        {
          GtkWidget *area = gtk_stack_get_child_by_name (self->areas_stack, area_name);
          GtkWidget *shown = gtk_stack_get_visible_child (self->stack);

          if (area == NULL || self->session == NULL)
            return;
          /* Leaving a page opened from an area takes its record off the
           * screen. */
          if (shown == GTK_WIDGET (self->person_page))
            sillon_person_page_clear (self->person_page);
          else if (shown == GTK_WIDGET (self->workshop_page))
            sillon_workshop_page_clear (self->workshop_page);
          show_page (self, area);
          break;
        }
      default:
        g_assert_not_reached ();
    }
}

static void
ask_next_page (LeaveRequest *request)
{
  SillonPage *page;

  if (request->next == NULL)
    {
      leave_now (request->window, request->then, request->area);
      leave_request_free (request);
      return;
    }
  page = request->next->data;
  request->next = request->next->next;
  sillon_page_ask_leave_async (page, NULL, on_page_leave_answered, request);
}

static void
add_pages (GList **pages,
           GtkStack *stack,
           GtkWidget *except)
{
  g_autoptr (GList) children = gtk_container_get_children (GTK_CONTAINER (stack));

  for (GList *l = children; l != NULL; l = l->next)
    if (SILLON_IS_PAGE (l->data) && l->data != except)
      *pages = g_list_append (*pages, g_object_ref (l->data));
}

/* Asks the pages whether they may be left, then does @then. Closing and
 * quitting ask every page (the visible one first): one that is not shown
 * may hold work too, such as an assessment kept in memory while the vault
 * is locked. Another area asks the visible page only. The answers come
 * later: FALSE, unless the pages already agreed and the window is on its
 * way out (closing or quitting again after they did), when the caller
 * goes on. */
static gboolean
ask_pages_before_leaving (SillonWindow *self,
                          LeaveThen then,
                          const char *area_name)
{
  LeaveRequest *request;
  GtkWidget *visible = visible_page (self);

  if (self->leaving && then != LEAVE_FOR_AREA)
    return TRUE;
  request = g_new0 (LeaveRequest, 1);
  request->window = g_object_ref (self);
  request->then = then;
  request->area = g_strdup (area_name);
  if (SILLON_IS_PAGE (visible))
    request->pages = g_list_append (request->pages, g_object_ref (visible));
  if (then != LEAVE_FOR_AREA)
    {
      add_pages (&request->pages, self->stack, visible);
      add_pages (&request->pages, self->areas_stack, visible);
    }
  request->next = request->pages;
  ask_next_page (request);
  return FALSE;
}

gboolean
sillon_window_request_quit (SillonWindow *self)
{
  g_return_val_if_fail (SILLON_IS_WINDOW (self), TRUE);

  return ask_pages_before_leaving (self, LEAVE_QUIT, NULL);
}

void
sillon_window_prepare_quit (SillonWindow *self)
{
  g_return_if_fail (SILLON_IS_WINDOW (self));

  save_window_state (self);
  /* Leaving the window closes the vault: keys are wiped before exit. */
  lock_vault (self, FALSE);
}

static gboolean
sillon_window_delete_event (GtkWidget *widget,
                            GdkEventAny *event)
{
  if (!ask_pages_before_leaving (SILLON_WINDOW (widget), LEAVE_CLOSE, NULL))
    return GDK_EVENT_STOP;
  sillon_window_prepare_quit (SILLON_WINDOW (widget));
  /* GtkWindow has no delete_event of its own to chain up to: propagating
   * lets the default handler destroy the window. */
  return GDK_EVENT_PROPAGATE;
}

/* ── Life cycle ────────────────────────────────────────────────────────── */

static void
sillon_window_constructed (GObject *object)
{
  SillonWindow *self = SILLON_WINDOW (object);

  G_OBJECT_CLASS (sillon_window_parent_class)->constructed (object);

  g_return_if_fail (self->vault_path != NULL);
  sillon_create_vault_page_set_vault_path (self->create_page, self->vault_path);
  sillon_unlock_page_set_vault_path (self->unlock_page, self->vault_path);
  if (g_file_test (self->vault_path, G_FILE_TEST_EXISTS))
    show_page (self, self->unlock_page);
  else
    show_page (self, self->create_page);
}

static void
sillon_window_get_property (GObject *object,
                            guint prop_id,
                            GValue *value,
                            GParamSpec *pspec)
{
  SillonWindow *self = SILLON_WINDOW (object);

  switch (prop_id)
    {
      case PROP_VAULT_PATH:
        g_value_set_string (value, self->vault_path);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sillon_window_set_property (GObject *object,
                            guint prop_id,
                            const GValue *value,
                            GParamSpec *pspec)
{
  SillonWindow *self = SILLON_WINDOW (object);

  switch (prop_id)
    {
      case PROP_VAULT_PATH:
        g_free (self->vault_path);
        self->vault_path = g_value_dup_string (value);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sillon_window_dispose (GObject *object)
{
  SillonWindow *self = SILLON_WINDOW (object);

  g_clear_object (&self->auto_lock);
  /* Dispose may run twice: only the first pass has anything to close. */
  if (self->session != NULL)
    lock_vault (self, FALSE);
  g_clear_error (&self->pending_store_error);
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  g_clear_object (&self->settings);
  g_clear_object (&self->area_switcher);
  G_OBJECT_CLASS (sillon_window_parent_class)->dispose (object);
}

static void
sillon_window_finalize (GObject *object)
{
  SillonWindow *self = SILLON_WINDOW (object);

  g_free (self->vault_path);
  G_OBJECT_CLASS (sillon_window_parent_class)->finalize (object);
}

static void
sillon_window_class_init (SillonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sillon_window_constructed;
  object_class->get_property = sillon_window_get_property;
  object_class->set_property = sillon_window_set_property;
  object_class->dispose = sillon_window_dispose;
  object_class->finalize = sillon_window_finalize;
  widget_class->delete_event = sillon_window_delete_event;

  /* The vault file this window opens (or creates, if it does not exist). */
  properties[PROP_VAULT_PATH] = g_param_spec_string ("vault-path", NULL, NULL, NULL,
                                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SILLON_TYPE_PAGE);
  g_type_ensure (SILLON_TYPE_CREATE_VAULT_PAGE);
  g_type_ensure (SILLON_TYPE_RECOVERY_KEY_PAGE);
  g_type_ensure (SILLON_TYPE_UNLOCK_PAGE);
  g_type_ensure (SILLON_TYPE_PEOPLE_PAGE);
  g_type_ensure (SILLON_TYPE_PERSON_PAGE);
  g_type_ensure (SILLON_TYPE_WORKSHOPS_PAGE);
  g_type_ensure (SILLON_TYPE_WORKSHOP_PAGE);
  g_type_ensure (SILLON_TYPE_PLACES_PAGE);
  g_type_ensure (SILLON_TYPE_REFERRALS_PAGE);
  g_type_ensure (SILLON_TYPE_ASSESSMENT_WIZARD);
  g_type_ensure (SILLON_TYPE_DASHBOARD_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/sillon-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, areas_stack);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, area_switcher);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, workshops_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, places_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, workshop_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, create_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, recovery_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, people_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, person_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, wizard);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, store_error_page);
  gtk_widget_class_bind_template_child (widget_class, SillonWindow, store_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_create_page_created);
  gtk_widget_class_bind_template_callback (widget_class, on_recovery_page_acknowledged);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_page_unlocked);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_people_page_log_session);
  gtk_widget_class_bind_template_callback (widget_class, on_person_page_back);
  gtk_widget_class_bind_template_callback (widget_class, on_person_page_new_assessment);
  gtk_widget_class_bind_template_callback (widget_class, on_wizard_saved);
  gtk_widget_class_bind_template_callback (widget_class, on_wizard_cancelled);
  gtk_widget_class_bind_template_callback (widget_class, on_workshop_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_new_workshop);
  gtk_widget_class_bind_template_callback (widget_class, on_workshop_page_back);
}

static void
sillon_window_init (SillonWindow *self)
{
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Out of the header bar while another page shows: the window keeps it. */
  g_object_ref (self->area_switcher);

  self->settings = g_settings_new (APPLICATION_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  on_stack_visible_child_changed (self);
  update_lock_action (self);

  self->auto_lock = sillon_auto_lock_new (GTK_WINDOW (self), self->settings);
  g_signal_connect_swapped (self->auto_lock, "lock-requested", G_CALLBACK (on_auto_lock_requested), self);

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

SillonWindow *
sillon_window_new (SillonApplication *application)
{
  SillonWindow *self;
  GtkShortcutsWindow *help_overlay;

  g_return_val_if_fail (SILLON_IS_APPLICATION (application), NULL);

  self = g_object_new (SILLON_TYPE_WINDOW,
                       "application", application,
                       "vault-path", sillon_application_get_vault_path (application),
                       NULL);
  /* GtkApplication gives the window its shortcuts window when the window
   * joins it, which is after constructed() ("application" is not a
   * construct property). */
  help_overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  if (help_overlay != NULL)
    set_mnemonic_shortcut (GTK_WIDGET (help_overlay), NULL);

  /* The application is known only once the window is constructed. */
  set_up_areas (self);
  return self;
}
