using ShiftLeft.Analyzers.CodeFixes.Editing;

namespace ShiftLeft.Analyzers.CodeFixes.ModelCalls
{
    /// <summary>How the SL0001 and SL0002 providers offer their fixes: verified fixes on the model call a diagnostic points at.</summary>
    internal sealed class ModelCallFixes : VerifiedFixes<ModelCallFixContext>
    {
        public ModelCallFixes(params (string Key, string Title)[] fixes)
            : base(ModelCallFixContext.CreateAsync, fixes)
        {
        }
    }
}
