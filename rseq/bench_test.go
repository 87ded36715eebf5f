package rseq

import "testing"

// BenchmarkIDUpdate is the slow path after a migration: the IDs change
// and are written to the area (rseq_update_cpu_node_id).
func BenchmarkIDUpdate(b *testing.B) {
	st, m := registered()
	regs := &fakeRegs{ip: 0x1000}
	b.ReportAllocs()

	for i := range b.N {
		NoteMigrate(st)
		m.writes = m.writes[:0]
		ids := IDs{CPU: uint32(i & 1)}
		if err := HandleNotifyResume(st, m, regs, ids); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreemptNoChange is the slow path after a preemption on the
// same CPU outside any critical section: rseq_cs is read, nothing is
// written.
func BenchmarkPreemptNoChange(b *testing.B) {
	st, m := registered()
	regs := &fakeRegs{ip: 0x1000}
	b.ReportAllocs()

	for range b.N {
		NotePreempt(st)
		m.writes = m.writes[:0]
		if err := HandleNotifyResume(st, m, regs, IDs{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExitFast is the check every exit to user mode runs.
func BenchmarkExitFast(b *testing.B) {
	st, _ := registered()
	for range b.N {
		if !ExitToUserModeFast(st) {
			b.Fatal("slow path")
		}
	}
}
