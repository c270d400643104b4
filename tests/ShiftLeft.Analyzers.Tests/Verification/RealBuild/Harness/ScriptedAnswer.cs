// Part of every throwaway project the code-fix tests build AND of the test project itself: what the scripted model
// answers, so the tests assert the values the built code logged without repeating them.
namespace Harness;

public static class ScriptedAnswer
{
    public const string ModelId = "scripted-model-7";
    public const string ResponseId = "resp-0042";
    public const string Text = "Your parcel ships on Tuesday";
    public const int InputTokens = 31;
    public const int OutputTokens = 9;
}
