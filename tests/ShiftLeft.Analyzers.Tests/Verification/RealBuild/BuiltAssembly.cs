// Usage: var json = await BuiltAssembly.RunAsync(assemblyPath, "Entry", "RunAsync");
// Loads a throwaway project's build into its own collectible AssemblyLoadContext (its package assemblies resolved from
// its deps.json, so it runs on the SDK versions it was built against, not this test project's), calls a static
// `Task<string> Type.Method()` and unloads it again. Only strings cross the boundary.
using System.Reflection;
using System.Runtime.Loader;

namespace ShiftLeft.Analyzers.Tests.Verification.RealBuild;

public static class BuiltAssembly
{
    public static async Task<string> RunAsync(string assemblyPath, string typeName, string methodName)
    {
        var context = new IsolatedContext(assemblyPath);
        try
        {
            // From bytes, not the path: the runtime keeps an image opened from a path while an earlier (unloading)
            // context holds it, and would hand the previous build of the same file to the next test.
            using var image = new MemoryStream(File.ReadAllBytes(assemblyPath));
            var assembly = context.LoadFromStream(image);
            var method = assembly.GetType(typeName, throwOnError: true)!.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new MissingMethodException(typeName, methodName);
            return await (Task<string>)method.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    private sealed class IsolatedContext(string assemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(assemblyPath), isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(assemblyPath);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
