package mm

import "testing"

// BenchmarkFaultDiscard is bench.c's pagefault operation on the host: the
// first write to an anonymous page, then MADV_DONTNEED. It must not
// allocate: a frame comes from the pool and goes back to it.
func BenchmarkFaultDiscard(b *testing.B) {
	r := newRig(8)
	const va = 0x500000000
	r.mapAt(b, va, pg, ProtRead|ProtWrite)
	b.ReportAllocs()

	for b.Loop() {
		if ok, _ := r.as.HandleFault(va, true, false); !ok {
			b.Fatal("fault not handled")
		}
		if mapped, hole := r.as.DiscardMapped(va, va+pg); !mapped ||
			hole {
			b.Fatal("page not discarded")
		}
	}
}
