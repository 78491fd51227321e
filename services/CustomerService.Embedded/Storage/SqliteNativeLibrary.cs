using System.Runtime.InteropServices;

namespace CustomerService.Embedded.Storage;

/// <summary>
/// Chooses the native SQLite. The one bundled with SQLitePCLRaw 2.0.6 (3.35.5, the newest bundle that
/// restores here) was built without usleep, so each of SQLite's internal retry sleeps (busy waits,
/// WAL read retries under write load) lasts a whole second. Where the system's libsqlite3 is
/// installed (Debian: libsqlite3-0) it is used instead: same C API, correct sleeps.
/// </summary>
internal static class SqliteNativeLibrary
{
    private const string SystemLibrary = "libsqlite3.so.0";
    private static readonly Lazy<string> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Which library is in use: the system's or the bundled one.</summary>
    public static string Initialize() => Loaded.Value;

    private static string Load()
    {
        var library = "bundled e_sqlite3";
        if (OperatingSystem.IsLinux() && NativeLibrary.TryLoad(SystemLibrary, out var system))
        {
            NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly,
                (name, _, _) => name == "e_sqlite3" ? system : IntPtr.Zero);
            library = SystemLibrary;
        }

        SQLitePCL.Batteries_V2.Init();
        return library;
    }
}
