namespace Kedro.Testing.Postgres;

/// <summary>
/// Finds the folder of the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>) of the highest
/// version under /usr/lib/postgresql/*/bin, installing Debian's <c>postgresql</c> package when there is none.
/// </summary>
internal static class PostgresPrograms
{
    private const string Root = "/usr/lib/postgresql";

    private static readonly string[] Programs = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The folder of the programs, installing them first if needed.</summary>
    public static string FindOrInstall()
    {
        if (Find() is { } found)
        {
            return found;
        }

        // Test processes of several test projects start at once: one installs, the others wait for it.
        using (LockInstall())
        {
            return Find() ?? Install();
        }
    }

    private static string? Find()
    {
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.EnumerateDirectories(Root)
            .Select(dir => (Dir: dir, Version: ParseVersion(Path.GetFileName(dir))))
            .Where(d => d.Version is not null && Programs.All(p => File.Exists(Path.Combine(d.Dir, "bin", p))))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"))
            .FirstOrDefault();
    }

    // Folders are named by major version ("15"), older ones by major.minor ("9.6").
    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;

    private static string Install()
    {
        string[] prefix;
        if (Environment.IsPrivilegedProcess)
        {
            prefix = [];
        }
        else if (Command.Succeeds("sudo", "-n", "true"))
        {
            prefix = ["sudo", "-n"];
        }
        else
        {
            throw Missing("this process is not root and 'sudo -n' is not allowed, so it cannot install them");
        }

        string[] aptGet = [.. prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-o", "DPkg::Lock::Timeout=300"];
        var install = Run([.. aptGet, "install", "-y", "--no-install-recommends", "postgresql"]);
        if (!install.Succeeded)
        {
            // The package lists may be missing or stale (a fresh container has none).
            var update = Run([.. aptGet, "update"]);
            install = update.Succeeded ? Run([.. aptGet, "install", "-y", "--no-install-recommends", "postgresql"]) : update;
        }

        if (!install.Succeeded)
        {
            throw Missing("installing them failed: " + install.Describe());
        }

        return Find() ?? throw Missing("the package 'postgresql' was installed but they are still missing");
    }

    private static Command.Result Run(string[] commandLine) => Command.Run(commandLine[0], commandLine[1..]);

    private static InvalidOperationException Missing(string why) => new(
        $"The tests need a PostgreSQL server, but its programs (initdb, pg_ctl, postgres) are not under {Root}/*/bin and {why}. " +
        "Install Debian's 'postgresql' package (sudo apt-get install postgresql), or set " + PostgresServer.UrlVariable +
        " to postgresql://user:password@host:port/postgres of a server whose user may create databases.");

    private static FileStream LockInstall()
    {
        var path = Path.Combine(Path.GetTempPath(), "kedro-postgres-install.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 6000)
            {
                Thread.Sleep(100);
            }
        }
    }
}
