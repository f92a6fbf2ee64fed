/* test-new-vm-wizard.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <libvirt/libvirt.h>

#include "vd-application.h"
#include "vd-connection-host.h"
#include "vd-connection-manager.h"
#include "vd-manager-window.h"
#include "vd-install-script.h"
#include "vd-new-vm-wizard.h"
#include "vd-storage-browser.h"
#include "vd-vm-window.h"
#include "../vd-test-http.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* libosinfo's loader loses a few small blocks while reading its database
 * (tests/lsan.supp names the library); LeakSanitizer sees the library in
 * a leak's stack only when it unwinds slowly, a few frames deep. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=8";
}

/* The New Virtual Machine wizard on test:///default, driven through its
 * widgets (found by accessible name): a manual install with a new disk in
 * the default pool and an import of an existing volume, each read back
 * from libvirt; Forward off with the reason shown for bad input; a
 * creation libvirt refuses and a cancelled one leave nothing behind; the
 * manager's win.new-vm and --show-domain-creator open it. A network
 * install against a local HTTP server (tests/vd-test-http-server.py):
 * URL rules, the OS detected from the tree, an unreachable server and a
 * missing tree said on the OS step with Forward off, the creation reaching
 * the upload (which the test driver lacks) and Cancel during the kernel's
 * download, each leaving no guest and no volume. The unattended install
 * on the OS step: off with the reason for other methods and for an OS
 * without a script, each field's rule, and the script made at Finish for
 * the detected Fedora tree with the user, time zone and host name, its
 * kernel arguments on the install command line, and no password in any log
 * line (debug included). */

typedef struct
{
  VdConnection *connection;
  virConnectPtr conn;
  GtkWidget    *wizard;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->connection = vd_test_open ("test:///default");
  fixture->conn = vd_connection_get_handle (fixture->connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
  fixture->wizard = g_object_ref_sink (vd_new_vm_wizard_new (NULL, fixture->connection));
  gtk_widget_show (fixture->wizard);
  gtk_test_widget_wait_for_draw (fixture->wizard);
}

static void
destroy_vm_windows (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (VD_IS_VM_WINDOW (l->data))
      gtk_widget_destroy (l->data);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->wizard != NULL)
    gtk_widget_destroy (fixture->wizard);
  g_clear_object (&fixture->wizard);
  destroy_vm_windows ();
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = vd_test_find_by_accessible_name (root, name);

  if (widget == NULL)
    g_error ("no widget named “%s”", name);
  return widget;
}

static void
type (GtkWidget  *root,
      const char *name,
      const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (find (root, name)), text);
}

static void
toggle (GtkWidget  *root,
        const char *name)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find (root, name)), TRUE);
}

static void
pick (GtkWidget  *root,
      const char *name,
      const char *id)
{
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (root, name)), id));
}

static void
spin (GtkWidget  *root,
      const char *name,
      double      value)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (root, name)), value);
}

/* The message under a field: NULL when it is hidden or empty. */
static const char *
message (GtkWidget  *root,
         const char *name)
{
  GtkWidget *label = find (root, name);
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  return gtk_widget_get_visible (label) && *text != '\0' ? text : NULL;
}

static gboolean
forward_on (GtkWidget *wizard)
{
  return gtk_widget_get_sensitive (find (wizard, "Forward"));
}

static void
forward (GtkWidget *wizard)
{
  g_assert_true (forward_on (wizard));
  gtk_button_clicked (GTK_BUTTON (find (wizard, "Forward")));
}

static void
finish (GtkWidget *wizard)
{
  GtkWidget *button = find (wizard, "Finish");

  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_button_clicked (GTK_BUTTON (button));
}

static const char *
page (GtkWidget *wizard)
{
  return vd_new_vm_wizard_get_page (VD_NEW_VM_WIZARD (wizard));
}

static const VdInstallSpec *
spec (GtkWidget *wizard)
{
  return vd_new_vm_wizard_get_spec (VD_NEW_VM_WIZARD (wizard));
}

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Picks the OS whose row reads @name after searching for @search. */
static void
choose_os (GtkWidget  *wizard,
           const char *search,
           const char *name)
{
  GtkListBox *list = GTK_LIST_BOX (find (wizard, "Operating systems"));
  g_autoptr(GList) rows = NULL;

  VD_TEST_WAIT_UNTIL (vd_new_vm_wizard_get_os_loaded (VD_NEW_VM_WIZARD (wizard)), 150);
  type (wizard, "Search operating systems", search);
  gtk_list_box_invalidate_filter (list);
  rows = gtk_container_get_children (GTK_CONTAINER (list));
  for (const GList *l = rows; l != NULL; l = l->next)
    {
      GtkWidget *label = gtk_bin_get_child (GTK_BIN (l->data));

      if (gtk_widget_get_child_visible (l->data) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), name) == 0)
        {
          gtk_list_box_select_row (list, l->data);
          return;
        }
    }
  g_error ("no OS row “%s” for “%s”", name, search);
}

static gboolean
volume_exists (virConnectPtr  conn,
               const char    *name,
               guint64       *capacity)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default-pool");
  virStorageVolPtr vol = virStorageVolLookupByName (pool, name);
  gboolean found = vol != NULL;

  if (vol != NULL)
    {
      virStorageVolInfo info;

      if (capacity != NULL && virStorageVolGetInfo (vol, &info) == 0)
        *capacity = info.capacity;
      virStorageVolFree (vol);
    }
  virResetLastError ();
  virStoragePoolFree (pool);
  return found;
}

static void
remove_domain (virConnectPtr  conn,
               const char    *name)
{
  virDomainPtr domain = virDomainLookupByName (conn, name);

  if (domain != NULL)
    {
      if (virDomainIsActive (domain) == 1)
        virDomainDestroy (domain);
      virDomainUndefine (domain);
      virDomainFree (domain);
    }
  virResetLastError ();
}

/* ------------------------------------------------------------------ */

static void
test_manual_new_disk (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  g_autofree char *xml = NULL;
  GtkWidget *window;
  virDomainPtr domain;
  virDomainInfo info;
  guint64 capacity = 0;

  /* Step 1: manual, nothing to fill. */
  g_assert_cmpstr (page (w), ==, "method");
  toggle (w, "Local install media");
  g_assert_false (forward_on (w));
  g_assert_nonnull (message (w, "Install media problem"));
  type (w, "Install media path", "relative.iso");
  g_assert_nonnull (strstr (message (w, "Install media problem"), "absolute"));
  toggle (w, "Manual install");
  g_assert_null (message (w, "Install media problem"));
  forward (w);

  /* Step 2: Debian 11 from the list sets its resources and devices. */
  g_assert_cmpstr (page (w), ==, "os");
  choose_os (w, "debian 11", "Debian 11");
  g_assert_cmpstr (spec (w)->os_short_id, ==, "debian11");
  g_assert_cmpstr (spec (w)->disk_bus, ==, "virtio");
  forward (w);

  /* Step 3: the OS's memory; 0 and too little refused. */
  g_assert_cmpstr (page (w), ==, "resources");
  g_assert_cmpuint (spec (w)->memory, ==, 1024);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (
                     w, VD_TYPE_NEW_VM_WIZARD, "recommended_label"))), ==,
                   /* (g_format_size puts a no-break space before the unit) */
                   "Recommended for Debian 11: 1.0\u00a0GiB of memory and 1 vCPU (at least "
                   "1.0\u00a0GiB of memory).");
  spin (w, "Memory", 0);
  g_assert_false (forward_on (w));
  g_assert_nonnull (message (w, "Memory problem"));
  spin (w, "Memory", 512);
  g_assert_false (forward_on (w));
  g_assert_nonnull (strstr (message (w, "Memory problem"), "1024"));
  spin (w, "Memory", 1536);
  g_assert_null (message (w, "Memory problem"));
  spin (w, "vCPUs", 2);
  forward (w);

  /* Step 4: a new qcow2 disk in the default pool; bad sizes refused. */
  g_assert_cmpstr (page (w), ==, "storage");
  pick (w, "Storage pool", "default-pool");
  type (w, "Disk size", "lots");
  g_assert_false (forward_on (w));
  g_assert_nonnull (message (w, "Disk size problem"));
  type (w, "Disk size", "0");
  g_assert_false (forward_on (w));
  g_assert_nonnull (message (w, "Disk size problem"));
  type (w, "Disk size", "8");
  pick (w, "Disk size unit", "GiB");
  g_assert_null (message (w, "Disk size problem"));
  forward (w);

  /* Step 5: a proposed name; a taken one refused. */
  g_assert_cmpstr (page (w), ==, "finish");
  g_assert_cmpstr (spec (w)->name, ==, "debian11");
  type (w, "Guest name", "test");
  g_assert_nonnull (strstr (message (w, "Guest name problem"), "exists"));
  g_assert_false (gtk_widget_get_sensitive (find (w, "Finish")));
  type (w, "Guest name", "wizard-manual");
  g_assert_null (message (w, "Guest name problem"));
  pick (w, "Network", "network:default");
  /* The hypervisor: the best the host offers unless chosen (the test
   * driver's guests are "test" guests whatever is chosen). */
  g_assert_null (spec (w)->domain_type);
  pick (w, "Hypervisor", "qemu");
  g_assert_cmpstr (spec (w)->domain_type, ==, "qemu");
  pick (w, "Hypervisor", "auto");
  g_assert_null (spec (w)->domain_type);
  finish (w);

  /* Made and started; the guest's window opens on its console. */
  VD_TEST_WAIT_UNTIL ((window = find_toplevel (VD_TYPE_VM_WINDOW)) != NULL, 30);
  g_assert_cmpstr (vd_vm_window_get_page (VD_VM_WINDOW (window)), ==, "console");
  g_assert_cmpstr (vd_domain_get_name (vd_vm_window_get_domain (VD_VM_WINDOW (window))), ==,
                   "wizard-manual");
  g_assert_false (gtk_widget_get_visible (w));

  domain = virDomainLookupByName (fixture->conn, "wizard-manual");
  g_assert_nonnull (domain);
  g_assert_cmpint (virDomainGetInfo (domain, &info), ==, 0);
  g_assert_cmpint (info.state, ==, VIR_DOMAIN_RUNNING);
  g_assert_cmpuint (info.maxMem, ==, 1536 * 1024);
  g_assert_cmpint (info.nrVirtCpu, ==, 2);
  xml = virDomainGetXMLDesc (domain, 0);
  g_assert_nonnull (strstr (xml, "<source file='/default-pool/wizard-manual.qcow2'/>"));
  g_assert_nonnull (strstr (xml, "bus='virtio'"));
  g_assert_nonnull (strstr (xml, "<source network='default'/>"));
  g_assert_nonnull (strstr (xml, "<model type='virtio'/>"));
  g_assert_nonnull (strstr (xml, "http://debian.org/debian/11"));
  virDomainFree (domain);
  free (g_steal_pointer (&xml));
  g_assert_true (volume_exists (fixture->conn, "wizard-manual.qcow2", &capacity));
  g_assert_cmpuint (capacity, ==, (guint64)8 << 30);
  remove_domain (fixture->conn, "wizard-manual");
}

static void
test_import_existing (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  virStoragePoolPtr pool = virStoragePoolLookupByName (fixture->conn, "default-pool");
  virStorageVolPtr vol = virStorageVolCreateXML (pool,
                                                 "<volume><name>appliance.qcow2</name>"
                                                 "<capacity>1073741824</capacity></volume>", 0);
  g_autofree char *xml = NULL;
  GtkWidget *window;
  virDomainPtr domain;

  g_assert_nonnull (vol);
  toggle (w, "Import existing disk");
  g_assert_false (forward_on (w));
  g_assert_nonnull (message (w, "Disk image problem"));
  type (w, "Disk image path", "/default-pool/appliance.qcow2");
  g_assert_null (message (w, "Disk image problem"));
  forward (w);
  g_assert_cmpstr (page (w), ==, "os");
  forward (w);
  g_assert_cmpstr (page (w), ==, "resources");
  forward (w);
  /* No storage step: the image is the disk. */
  g_assert_cmpstr (page (w), ==, "finish");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (w, "Step 4 of 4"))), ==, "Step 4 of 4");
  type (w, "Guest name", "wizard-imported");
  toggle (w, "Customize configuration before install");
  g_assert_true (gtk_widget_get_visible (find (w, "The guest is defined but not started: its "
                                                  "window opens on Details, and Start there "
                                                  "begins the installation.")));
  finish (w);

  /* Defined, not started; its window opens on Details. */
  VD_TEST_WAIT_UNTIL ((window = find_toplevel (VD_TYPE_VM_WINDOW)) != NULL, 30);
  g_assert_cmpstr (vd_vm_window_get_page (VD_VM_WINDOW (window)), ==, "details");
  domain = virDomainLookupByName (fixture->conn, "wizard-imported");
  g_assert_nonnull (domain);
  g_assert_cmpint (virDomainIsActive (domain), ==, 0);
  xml = virDomainGetXMLDesc (domain, 0);
  g_assert_nonnull (strstr (xml, "<source file='/default-pool/appliance.qcow2'/>"));
  g_assert_nonnull (strstr (xml, "bus='sata'"));
  g_assert_nonnull (strstr (xml, "<interface type='network'>"));
  g_assert_nonnull (strstr (xml, "<model type='e1000e'/>"));
  virDomainFree (domain);
  free (g_steal_pointer (&xml));

  remove_domain (fixture->conn, "wizard-imported");
  virStorageVolDelete (vol, 0);
  virStorageVolFree (vol);
  virStoragePoolFree (pool);
}

/* Gets @w to its last step with a new 1 GiB disk, named @name. */
static void
to_finish (GtkWidget  *w,
           const char *name)
{
  forward (w);
  forward (w);
  forward (w);
  type (w, "Disk size", "1");
  forward (w);
  g_assert_cmpstr (page (w), ==, "finish");
  type (w, "Guest name", name);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  virDomainPtr other;

  to_finish (w, "wizard-clash");
  /* The name is taken behind the wizard's back, before libvirt's event
   * reaches the list: libvirt refuses the definition. */
  other = virDomainDefineXML (fixture->conn,
                              "<domain type='test'><name>wizard-clash</name>"
                              "<memory>65536</memory><os><type>hvm</type></os></domain>");
  g_assert_nonnull (other);
  finish (w);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (page (w), "error") == 0, 30);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (w, "Creation error"))),
                            "wizard-clash"));
  /* The disk it made is gone again. */
  g_assert_false (volume_exists (fixture->conn, "wizard-clash.qcow2", NULL));

  /* Back: every field as it was, and now the name is known taken. */
  gtk_button_clicked (GTK_BUTTON (find (w, "Back")));
  g_assert_cmpstr (page (w), ==, "finish");
  VD_TEST_WAIT_UNTIL (message (w, "Guest name problem") != NULL, 30);
  virDomainUndefine (other);
  virDomainFree (other);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  virDomainPtr domain;

  to_finish (w, "wizard-cancelled");
  finish (w);
  g_assert_cmpstr (page (w), ==, "progress");
  gtk_button_clicked (GTK_BUTTON (find (w, "Cancel")));
  /* The wizard closes once what was made is taken back. */
  VD_TEST_WAIT_UNTIL (gtk_widget_in_destruction (w) || !gtk_widget_get_visible (w), 30);
  domain = virDomainLookupByName (fixture->conn, "wizard-cancelled");
  g_assert_null (domain);
  virResetLastError ();
  g_assert_false (volume_exists (fixture->conn, "wizard-cancelled.qcow2", NULL));
  g_assert_null (find_toplevel (VD_TYPE_VM_WINDOW));
}

static void
finalized_cb (gpointer data)
{
  *(GThread **)data = g_thread_self ();
}

/* Destroyed while creating (the application quits, say): the creation is
 * cancelled with it and undone; the wizard is finalized once that work is
 * done (object data goes at finalize; weak pointers already at dispose),
 * on the main thread: the creation's worker, which may drop its task last,
 * must not finalize widgets. */
static void
test_destroyed_while_creating (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  GThread *finalized_in = NULL;

  to_finish (w, "wizard-destroyed");
  finish (w);
  g_object_set_data_full (G_OBJECT (w), "test-finalized", &finalized_in, finalized_cb);
  gtk_widget_destroy (w);
  g_clear_object (&fixture->wizard);
  VD_TEST_WAIT_UNTIL (finalized_in != NULL, 30);
  g_assert_true (finalized_in == g_thread_self ());
  g_assert_null (virDomainLookupByName (fixture->conn, "wizard-destroyed"));
  virResetLastError ();
  g_assert_false (volume_exists (fixture->conn, "wizard-destroyed.qcow2", NULL));
}

/* The media list on a host with a CD drive and an ISO volume: either
 * fills the path; a drive is used as a block device. */
static void
test_media_choices (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("install-host.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  GtkWidget *w;
  GtkLabel *detect;

  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (connection), 30);
  w = g_object_ref_sink (vd_new_vm_wizard_new (NULL, connection));
  gtk_widget_show (w);
  VD_TEST_WAIT_UNTIL (vd_new_vm_wizard_get_cd_drives_listed (VD_NEW_VM_WIZARD (w)), 30);

  toggle (w, "Local install media");
  pick (w, "Install media volume", "/dev/sr0");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (w, "Install media path"))), ==,
                   "/dev/sr0");
  g_assert_true (spec (w)->media_is_device);
  pick (w, "Install media volume", "/var/lib/libvirt/images/debian-11.iso");
  g_assert_cmpstr (spec (w)->media_path, ==, "/var/lib/libvirt/images/debian-11.iso");
  g_assert_false (spec (w)->media_is_device);
  /* Browse… opens the storage browser; its choice fills the entry. */
  toggle (w, "Import existing disk");
  gtk_button_clicked (GTK_BUTTON (find (w, "Browse for a disk image")));
  {
    VdStorageBrowser *browser;

    VD_TEST_WAIT_UNTIL ((browser = (VdStorageBrowser *)find_toplevel (VD_TYPE_STORAGE_BROWSER))
                        != NULL, 10);
    g_assert_cmpint (vd_storage_browser_get_filter (browser), ==, VD_STORAGE_BROWSER_FILTER_DISK);
    g_assert_true (vd_storage_browser_select_pool (browser, "default"));
    VD_TEST_WAIT_UNTIL (vd_storage_browser_select_volume (browser, "appliance.qcow2"), 10);
    gtk_button_clicked (GTK_BUTTON (gtk_dialog_get_widget_for_response (GTK_DIALOG (browser),
                                                                       GTK_RESPONSE_OK)));
  }
  VD_TEST_WAIT_UNTIL (g_strcmp0 (gtk_entry_get_text (GTK_ENTRY (find (w, "Disk image path"))),
                                 "/var/lib/libvirt/images/appliance.qcow2") == 0, 10);
  toggle (w, "Local install media");

  /* The disk image is offered for import, not as install media. */
  pick (w, "Disk image volume", "/var/lib/libvirt/images/appliance.qcow2");
  g_assert_false (gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (w, "Install media volume")),
                                               "/var/lib/libvirt/images/appliance.qcow2"));

  /* Forward looks for the OS on the medium: this one cannot be read on
   * this machine, which the OS step says. */
  forward (w);
  g_assert_cmpstr (page (w), ==, "os");
  detect = GTK_LABEL (find (w, "Looking for the OS on this medium…"));
  VD_TEST_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_text (detect), "Failed to read"), 30);

  gtk_widget_destroy (w);
  g_object_unref (w);
  vd_connection_disconnect (connection);
}

/* ------------------------------------------------------------------ */
/* Opening it                                                          */
/* ------------------------------------------------------------------ */

static void
test_manager_action (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_autoptr(VdConnectionManager) manager = NULL;
  VdManagerWindow *window;
  VdConnection *connection;
  GtkWidget *wizard;

  g_settings_reset (settings, "connections");
  manager = vd_connection_manager_new (settings);
  connection = vd_connection_manager_add (manager, "test:///default", FALSE);
  window = vd_manager_window_new (NULL, manager, settings);
  gtk_window_present (GTK_WINDOW (window));
  vd_manager_window_connect (window, connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (connection) == VD_CONNECTION_STATE_CONNECTED, 10);

  /* Off until a connection (or one of its guests) is selected. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "new-vm"));
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, "test") != NULL, 10);
  {
    VdDomain *test = vd_connection_find_domain_by_name (connection, "test");

    vd_manager_window_select_domains (window, &test, 1);
  }
  VD_TEST_WAIT_UNTIL (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "new-vm"), 10);
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-vm", NULL);
  wizard = find_toplevel (VD_TYPE_NEW_VM_WIZARD);
  g_assert_nonnull (wizard);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (window));
  g_assert_cmpstr (page (wizard), ==, "method");
  gtk_widget_destroy (wizard);

  gtk_widget_destroy (GTK_WIDGET (window));
  g_object_run_dispose (G_OBJECT (manager));
}

static gboolean
creator_shown_cb (gpointer user_data)
{
  GApplication *app = user_data;
  GtkWidget *wizard = find_toplevel (VD_TYPE_NEW_VM_WIZARD);

  if (wizard == NULL)
    return G_SOURCE_CONTINUE;
  g_object_set_data (G_OBJECT (app), "seen", GINT_TO_POINTER (TRUE));
  gtk_widget_destroy (wizard);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static gboolean
creator_timeout_cb (gpointer user_data)
{
  g_error ("--show-domain-creator opened no wizard");
  return G_SOURCE_REMOVE;
}

static void
test_command_line (void)
{
  g_autoptr(VdApplication) app = vd_application_new ();
  const char * const args[] = { "virt-desk", "--connect", "test:///default",
                                "--show-domain-creator", NULL };
  g_auto(GStrv) argv = g_strdupv ((char **)args);
  guint timeout;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  g_timeout_add (50, creator_shown_cb, app);
  timeout = g_timeout_add_seconds (30, creator_timeout_cb, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 4, argv), ==, 0);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (app), "seen")));
  g_source_remove (timeout);
}


/* ------------------------------------------------------------------ */
/* Network install                                                     */
/* ------------------------------------------------------------------ */

static const char *
detect_text (GtkWidget *wizard)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (wizard,
                                                                      VD_TYPE_NEW_VM_WIZARD,
                                                                      "detect_label")));
}

static gboolean
shown (GtkWidget  *wizard,
       const char *name)
{
  return gtk_widget_get_visible (find (wizard, name));
}

static void
assert_nothing_left (Fixture    *fixture,
                     const char *name)
{
  g_autofree char *kernel = g_strdup_printf ("%s-kernel", name);
  g_autofree char *initrd = g_strdup_printf ("%s-initrd", name);
  g_autofree char *disk = g_strdup_printf ("%s.qcow2", name);

  g_assert_null (virDomainLookupByName (fixture->conn, name));
  virResetLastError ();
  g_assert_false (volume_exists (fixture->conn, kernel, NULL));
  g_assert_false (volume_exists (fixture->conn, initrd, NULL));
  g_assert_false (volume_exists (fixture->conn, disk, NULL));
}

/* Step 1 with @url, then Forward: the tree is read on the OS step. */
static void
to_os_step (GtkWidget  *w,
            const char *url)
{
  toggle (w, "Network install");
  type (w, "Install tree URL", url);
  forward (w);
  g_assert_cmpstr (page (w), ==, "os");
}

static void
wait_tree_read (GtkWidget *w)
{
  /* (The first read loads libosinfo's database: slow under ASan.) */
  VD_TEST_WAIT_UNTIL (!shown (w, "Stop reading the install tree"), 240);
}

static void
test_url_rules (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;

  toggle (w, "Network install");
  g_assert_false (forward_on (w));
  g_assert_nonnull (strstr (message (w, "URL problem"), "Enter the URL"));
  type (w, "Install tree URL", "mirror.example.org/fedora");
  g_assert_nonnull (strstr (message (w, "URL problem"), "not a URL"));
  type (w, "Install tree URL", "nfs://mirror.example.org/fedora");
  g_assert_nonnull (strstr (message (w, "URL problem"), "ftp://"));
  type (w, "Install tree URL", "http:///fedora");
  g_assert_nonnull (strstr (message (w, "URL problem"), "server"));
  g_assert_false (forward_on (w));
  type (w, "Install tree URL", "ftp://mirror.example.org/fedora/os/");
  g_assert_null (message (w, "URL problem"));
  g_assert_true (forward_on (w));
  /* Another method: the URL does not count. */
  type (w, "Install tree URL", "bad");
  toggle (w, "Manual install");
  g_assert_null (message (w, "URL problem"));
  g_assert_true (forward_on (w));
}

static void
test_url_install (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  VdTestHttp *http = vd_test_http_start ();
  g_autofree char *url = vd_test_http_url (http, "url-tree/");
  const char *error;

  to_os_step (w, url);
  /* Forward waits for the tree. */
  wait_tree_read (w);
  VD_TEST_WAIT_UNTIL (strstr (detect_text (w), "Detected") != NULL, 150);
  g_assert_cmpstr (detect_text (w), ==,
                   "Detected: Fedora Linux 36. Choose another from the list to override it.");
  g_assert_cmpstr (spec (w)->os_id, ==, "http://fedoraproject.org/fedora/36");
  g_assert_cmpstr (spec (w)->tree_kernel, ==, "images/pxeboot/vmlinuz");
  g_assert_cmpstr (spec (w)->tree_initrd, ==, "images/pxeboot/initrd.img");
  g_assert_cmpstr (spec (w)->install_arg, ==, "inst.repo");
  forward (w);

  /* Back to step 1 for kernel arguments: the tree is not read again. */
  gtk_button_clicked (GTK_BUTTON (find (w, "Back")));
  gtk_button_clicked (GTK_BUTTON (find (w, "Back")));
  g_assert_cmpstr (page (w), ==, "method");
  type (w, "Kernel arguments", "inst.ks=http://127.0.0.1/ks.cfg ");
  forward (w);
  g_assert_false (shown (w, "Stop reading the install tree"));
  g_assert_true (forward_on (w));
  forward (w);
  forward (w);
  g_assert_cmpstr (page (w), ==, "storage");
  pick (w, "Storage pool", "default-pool");
  type (w, "Disk size", "1");
  forward (w);
  type (w, "Guest name", "wizard-netinst");
  /* The install's first boot starts at once: nothing to customize. */
  g_assert_false (gtk_widget_get_sensitive (find (w, "Customize configuration before install")));
  {
    g_autofree char *cmdline = vd_install_spec_get_cmdline (spec (w));
    g_autofree char *expected = g_strdup_printf ("inst.repo=%s inst.ks=http://127.0.0.1/ks.cfg",
                                                 url);

    g_assert_cmpstr (cmdline, ==, expected);
  }
  finish (w);

  /* The kernel arrives and gets its volume; the test driver has no
   * upload: the error page says so and nothing stays. */
  VD_TEST_WAIT_UNTIL (g_strcmp0 (page (w), "error") == 0, 60);
  error = gtk_label_get_text (GTK_LABEL (find (w, "Creation error")));
  g_assert_nonnull (strstr (error, "wizard-netinst-kernel"));
  g_assert_nonnull (strstr (error, "virStorageVolUpload"));
  assert_nothing_left (fixture, "wizard-netinst");
  vd_test_http_stop (http);
}

static void
test_url_unreachable (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  VdTestHttp *http = vd_test_http_start ();
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u/tree/",
                                             vd_test_http_closed_port ());
  g_autofree char *missing = vd_test_http_url (http, "no-such-tree/");
  g_autofree char *url = vd_test_http_url (http, "url-tree/");

  /* Nothing listens there. */
  to_os_step (w, closed);
  wait_tree_read (w);
  g_assert_nonnull (strstr (detect_text (w), "The server could not be reached"));
  g_assert_false (forward_on (w));
  g_assert_true (shown (w, "Read the install tree again"));

  /* A server, but no tree: its 404. */
  gtk_button_clicked (GTK_BUTTON (find (w, "Back")));
  to_os_step (w, missing);
  wait_tree_read (w);
  g_assert_nonnull (strstr (detect_text (w), "This is not an install tree"));
  g_assert_nonnull (strstr (detect_text (w), "Not Found"));
  g_assert_false (forward_on (w));

  /* Fixed: Forward comes on. */
  gtk_button_clicked (GTK_BUTTON (find (w, "Back")));
  to_os_step (w, url);
  wait_tree_read (w);
  g_assert_false (shown (w, "Read the install tree again"));
  g_assert_true (forward_on (w));
  g_assert_null (virDomainLookupByName (fixture->conn, "fedora36"));
  virResetLastError ();
  vd_test_http_stop (http);
}

static void
test_url_cancel_download (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  VdTestHttp *http = vd_test_http_start ();
  /* The kernel comes one byte every 100 ms. */
  g_autofree char *url = vd_test_http_url (http, "slow/url-tree/");
  GtkWidget *progress;

  to_os_step (w, url);
  wait_tree_read (w);
  g_assert_true (forward_on (w));
  forward (w);
  forward (w);
  pick (w, "Storage pool", "default-pool");
  forward (w);
  type (w, "Guest name", "wizard-netinst-cancel");
  finish (w);
  progress = find (w, "Download progress");
  VD_TEST_WAIT_UNTIL (gtk_widget_get_visible (progress) &&
                      gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (progress)) > 0, 30);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (w, "Creation progress"))), ==,
                   "Downloading the install kernel…");
  g_assert_nonnull (strstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (progress)), " of "));
  gtk_button_clicked (GTK_BUTTON (find (w, "Cancel")));
  VD_TEST_WAIT_UNTIL (gtk_widget_in_destruction (w) || !gtk_widget_get_visible (w), 30);
  assert_nothing_left (fixture, "wizard-netinst-cancel");
  vd_test_http_stop (http);
}

/* ------------------------------------------------------------------ */
/* Unattended install                                                  */
/* ------------------------------------------------------------------ */

#define UNATTENDED_USER_PW "Wizard-User-Sekr1t"
#define UNATTENDED_ADMIN_PW "Wizard-Admin-Sekr1t"

static gboolean
sensitive (GtkWidget  *wizard,
           const char *name)
{
  return gtk_widget_get_sensitive (find (wizard, name));
}

static const char *
reason (GtkWidget *wizard)
{
  return gtk_label_get_text (GTK_LABEL (find (wizard, "Unattended install availability")));
}

/* The fields, under the switch: shown with their parents. */
static gboolean
fields_shown (GtkWidget *wizard)
{
  return gtk_widget_is_visible (find (wizard, "User name"));
}

static void
switch_on (GtkWidget *wizard)
{
  gtk_switch_set_active (GTK_SWITCH (find (wizard, "Use unattended install")), TRUE);
}

/* Off for an OS without a script and for other methods, with the reason;
 * every field's rule with Forward off and the message under it. */
static void
test_unattended_fields (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;

  toggle (w, "Manual install");
  forward (w);
  choose_os (w, "fedora 36", "Fedora Linux 36");
  g_assert_false (sensitive (w, "Use unattended install"));
  g_assert_nonnull (strstr (reason (w), "needs a network install"));
  choose_os (w, "windows 10", "Microsoft Windows 10");
  g_assert_false (sensitive (w, "Use unattended install"));
  g_assert_nonnull (strstr (reason (w), "no unattended install script"));
  g_assert_false (fields_shown (w));
  g_assert_true (forward_on (w));
  gtk_button_clicked (GTK_BUTTON (find (w, "Back")));
  g_assert_cmpstr (page (w), ==, "method");
}

static void
test_unattended_install (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  VdTestHttp *http = vd_test_http_start ();
  g_autofree char *url = vd_test_http_url (http, "url-tree/");
  g_autofree char *timezone = NULL;
  const VdInstallScript *script;

  to_os_step (w, url);
  wait_tree_read (w);
  VD_TEST_WAIT_UNTIL (strstr (detect_text (w), "Detected") != NULL, 150);
  g_assert_cmpstr (spec (w)->os_short_id, ==, "fedora36");
  g_assert_true (sensitive (w, "Use unattended install"));
  g_assert_false (fields_shown (w));
  g_assert_true (forward_on (w));

  /* On: every field is judged, Forward waits. */
  switch_on (w);
  g_assert_true (fields_shown (w));
  g_assert_false (forward_on (w));
  /* The host's time zone is proposed. */
  timezone = vd_install_script_host_timezone ();
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (w, "Guest time zone"))), ==, timezone);
  g_assert_nonnull (strstr (message (w, "User name problem"), "login name"));
  g_assert_nonnull (strstr (message (w, "User password problem"), "Enter a password"));
  g_assert_nonnull (strstr (message (w, "Administrator password problem"), "Enter a password"));
  g_assert_null (message (w, "Time zone problem"));
  type (w, "User name", "Alice");
  g_assert_nonnull (strstr (message (w, "User name problem"), "lowercase"));
  type (w, "User name", "root");
  g_assert_nonnull (strstr (message (w, "User name problem"), "system account"));
  type (w, "User name", "alice");
  g_assert_null (message (w, "User name problem"));
  type (w, "Full name", "Alice Liddell");
  type (w, "User password", UNATTENDED_USER_PW);
  type (w, "User password again", "something else");
  g_assert_nonnull (strstr (message (w, "User password problem"), "not the same"));
  type (w, "User password again", UNATTENDED_USER_PW);
  g_assert_null (message (w, "User password problem"));
  type (w, "Administrator password", UNATTENDED_ADMIN_PW "'");
  type (w, "Administrator password again", UNATTENDED_ADMIN_PW "'");
  g_assert_nonnull (strstr (message (w, "Administrator password problem"), "cannot contain"));
  type (w, "Administrator password", UNATTENDED_ADMIN_PW);
  type (w, "Administrator password again", UNATTENDED_ADMIN_PW);
  g_assert_null (message (w, "Administrator password problem"));
  type (w, "Guest time zone", "Mars/Olympus");
  g_assert_nonnull (strstr (message (w, "Time zone problem"), "not a time zone"));
  g_assert_false (forward_on (w));
  type (w, "Guest time zone", "Asia/Shanghai");
  g_assert_null (message (w, "Time zone problem"));
  g_assert_true (forward_on (w));
  forward (w);
  forward (w);
  pick (w, "Storage pool", "default-pool");
  type (w, "Disk size", "1");
  forward (w);
  type (w, "Guest name", "wizard-unattended");
  finish (w);

  /* The script was made for the guest, its arguments on the install's
   * command line; the test driver then refuses the kernel's upload and
   * nothing stays. */
  VD_TEST_WAIT_UNTIL (g_strcmp0 (page (w), "error") == 0, 120);
  script = spec (w)->script;
  g_assert_nonnull (script);
  g_assert_cmpstr (script->filename, ==, "fedora.ks");
  g_assert_nonnull (strstr (script->text, "passwd --stdin alice"));
  g_assert_nonnull (strstr (script->text, "timezone --utc Asia/Shanghai"));
  g_assert_nonnull (strstr (script->text, "--hostname=wizard-unattended"));
  g_assert_nonnull (strstr (script->text, "--drives=/dev/vda"));
  {
    g_autofree char *cmdline = vd_install_spec_get_cmdline (spec (w));
    g_autofree char *expected = g_strdup_printf ("inst.repo=%s inst.ks=file:/fedora.ks", url);

    g_assert_cmpstr (cmdline, ==, expected);
  }
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (w, "Creation error"))),
                            "virStorageVolUpload"));
  assert_nothing_left (fixture, "wizard-unattended");

  /* Off again: the script is gone from the spec. */
  gtk_button_clicked (GTK_BUTTON (find (w, "Back")));
  gtk_switch_set_active (GTK_SWITCH (find (w, "Use unattended install")), FALSE);
  g_assert_null (spec (w)->script);
  vd_test_http_stop (http);
}

/* An ISO made here with Fedora 36's volume id and a kernel and initrd at
 * its medium's paths (isolinux/). */
static char *
make_fedora_iso (const char *dir)
{
  g_autofree char *root = g_build_filename (dir, "tree", NULL);
  g_autofree char *tree = g_build_filename (root, "isolinux", NULL);
  g_autofree char *kernel = g_build_filename (tree, "vmlinuz", NULL);
  g_autofree char *initrd = g_build_filename (tree, "initrd.img", NULL);
  g_autofree char *boot = g_build_filename (tree, "boot.bin", NULL);
  g_autofree char *zeros = g_malloc0 (2048);
  char *iso = g_build_filename (dir, "fedora.iso", NULL);
  /* (libosinfo identifies bootable media only: an El Torito image.) */
  g_autofree char *command = g_strdup_printf ("xorriso -as mkisofs -quiet -R -J -sysid LINUX "
                                              "-V Fedora-S-dvd-x86_64-36 -b isolinux/boot.bin "
                                              "-no-emul-boot -boot-load-size 4 -o '%s' '%s'",
                                              iso, root);
  const char *argv[] = { "sh", "-c", command, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (tree, 0755), ==, 0);
  g_file_set_contents (kernel, "kernel", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (initrd, "initrd", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (boot, zeros, 2048, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_unlink (kernel);
  g_unlink (initrd);
  g_unlink (boot);
  g_rmdir (tree);
  g_rmdir (root);
  return iso;
}

/* A local ISO detected as Fedora 36: the switch is available, the script
 * is made for the medium, the kernel and initrd are read from the ISO at
 * the medium's paths; the test driver refuses the upload and nothing
 * stays. An ISO path that is no file here keeps the switch off, saying
 * why. */
static void
test_unattended_iso (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *w = fixture->wizard;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vd-wizard-iso-XXXXXX", &error);
  g_autofree char *iso = make_fedora_iso (dir);
  const VdInstallScript *script;

  toggle (w, "Local install media");
  type (w, "Install media path", "/nonexistent/fedora.iso");
  forward (w);
  choose_os (w, "fedora 36", "Fedora Linux 36");
  g_assert_false (sensitive (w, "Use unattended install"));
  g_assert_nonnull (strstr (reason (w), "file on this computer"));
  gtk_button_clicked (GTK_BUTTON (find (w, "Back")));

  type (w, "Install media path", iso);
  forward (w);
  VD_TEST_WAIT_UNTIL (strstr (detect_text (w), "Detected") != NULL, 150);
  g_assert_cmpstr (spec (w)->os_short_id, ==, "fedora36");
  g_assert_true (sensitive (w, "Use unattended install"));
  g_assert_nonnull (strstr (reason (w), "without asking"));
  switch_on (w);
  g_assert_true (fields_shown (w));
  g_assert_false (forward_on (w));
  type (w, "User name", "alice");
  type (w, "User password", UNATTENDED_USER_PW);
  type (w, "User password again", UNATTENDED_USER_PW);
  type (w, "Administrator password", UNATTENDED_ADMIN_PW);
  type (w, "Administrator password again", UNATTENDED_ADMIN_PW);
  type (w, "Guest time zone", "UTC");
  g_assert_true (forward_on (w));
  g_assert_cmpstr (spec (w)->tree_kernel, ==, "isolinux/vmlinuz");
  g_assert_cmpstr (spec (w)->tree_initrd, ==, "isolinux/initrd.img");
  forward (w);
  forward (w);
  pick (w, "Storage pool", "default-pool");
  type (w, "Disk size", "1");
  forward (w);
  type (w, "Guest name", "wizard-iso-unattended");
  finish (w);

  VD_TEST_WAIT_UNTIL (g_strcmp0 (page (w), "error") == 0, 120);
  script = spec (w)->script;
  g_assert_nonnull (script);
  g_assert_cmpstr (script->filename, ==, "fedora.ks");
  g_assert_cmpstr (script->cmdline, ==, "inst.ks=file:/fedora.ks");
  g_assert_nonnull (strstr (script->text, "--hostname=wizard-iso-unattended"));
  g_assert_null (strstr (script->text, "url --url"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (w, "Creation error"))),
                            "wizard-iso-unattended-kernel"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (w, "Creation error"))),
                            "virStorageVolUpload"));
  assert_nothing_left (fixture, "wizard-iso-unattended");

  g_unlink (iso);
  g_rmdir (dir);
}

/* Every log line of this program, debug ones too: none holds a password
 * typed in the unattended fields. */
static GLogWriterOutput
no_password_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        (strstr (fields[i].value, UNATTENDED_USER_PW) != NULL ||
         strstr (fields[i].value, UNATTENDED_ADMIN_PW) != NULL))
      g_error ("a log line holds a password");
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (no_password_writer, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/new-vm-wizard/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("manual-new-disk", test_manual_new_disk);
  ADD ("import-existing", test_import_existing);
  ADD ("refused", test_refused);
  ADD ("cancel", test_cancel);
  ADD ("destroyed-while-creating", test_destroyed_while_creating);
  ADD ("url-rules", test_url_rules);
  ADD ("url-install", test_url_install);
  ADD ("url-unreachable", test_url_unreachable);
  ADD ("url-cancel-download", test_url_cancel_download);
  ADD ("unattended-fields", test_unattended_fields);
  ADD ("unattended-install", test_unattended_install);
  ADD ("unattended-iso", test_unattended_iso);
#undef ADD
  g_test_add_func ("/vd/new-vm-wizard/media-choices", test_media_choices);
  g_test_add_func ("/vd/new-vm-wizard/manager-action", test_manager_action);
  g_test_add_func ("/vd/new-vm-wizard/command-line", test_command_line);

  return g_test_run ();
}
