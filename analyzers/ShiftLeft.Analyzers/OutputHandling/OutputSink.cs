using Microsoft.CodeAnalysis;

namespace ShiftLeft.Analyzers.OutputHandling
{
    /// <summary>One value handed to a dangerous sink: the operation reported, the value, and the words a message uses.</summary>
    internal readonly struct OutputSink
    {
        public OutputSink(OutputSinkKind kind, IOperation reported, IOperation value, string description)
        {
            Kind = kind;
            Reported = reported;
            Value = value;
            Description = description;
        }

        public OutputSinkKind Kind { get; }

        /// <summary>The sink call, creation, conversion or assignment (where the finding is reported).</summary>
        public IOperation Reported { get; }

        /// <summary>The text the sink uses (an argument's value, an assigned value, a converted operand).</summary>
        public IOperation Value { get; }

        /// <summary>What the sink does with the value: "the SQL text of 'SqlCommand.CommandText'".</summary>
        public string Description { get; }
    }
}
