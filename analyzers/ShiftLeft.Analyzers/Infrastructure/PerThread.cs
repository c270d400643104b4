// Usage: var listing = PerThread<MemberOperations>.Get(CreateListing);   // this thread's object, made once
// An object reused by every callback on one thread (refilled in place, so it costs no allocation once grown). Held
// weakly: a pool thread never keeps a finished compilation alive through it, and a collection only costs a new one.
// Its users never hold it past their callback, and never ask for it again while using it.
using System;

namespace ShiftLeft.Analyzers.Infrastructure
{
    internal static class PerThread<T>
        where T : class
    {
        [ThreadStatic]
        private static WeakReference<T>? t_slot;

        public static T Get(Func<T> create)
        {
            var slot = t_slot ??= new WeakReference<T>(null!);
            if (!slot.TryGetTarget(out var value))
            {
                value = create();
                slot.SetTarget(value);
            }

            return value;
        }
    }
}
