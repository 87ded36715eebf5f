// Package ptabletest is fake physical memory for host tests of page
// tables: fixed frames for boot tables plus a pool of frames for a
// task's tables, handed out dirty so that a table used without clearing
// shows.
package ptabletest

import "github.com/ringside-kernel/ringside/arch/internal/ptable"

// Store is the fake memory; its Alloc, Free and Frame are what
// NewPageTable takes.
type Store struct {
	// Frames are the frames by physical address.
	Frames map[uint64][]byte
	// Pool are the frames Alloc hands out, the next one last.
	Pool []uint64
	// Allocated are the pool frames handed out and not freed.
	Allocated map[uint64]bool
	// Freed are the frames Free took back, in order.
	Freed []uint64
}

// NewStore returns a store with a zeroed frame at each of fixed and
// poolFrames frames from poolBase up, handed out lowest first.
func NewStore(poolBase uint64, poolFrames int, fixed ...uint64) *Store {
	s := &Store{Frames: map[uint64][]byte{}, Allocated: map[uint64]bool{}}
	for _, pa := range fixed {
		s.Frames[pa] = make([]byte, ptable.FrameSize)
	}
	for i := poolFrames - 1; i >= 0; i-- {
		pa := poolBase + uint64(i)*ptable.FrameSize
		s.Frames[pa] = make([]byte, ptable.FrameSize)
		s.Pool = append(s.Pool, pa)
	}
	return s
}

// Frame returns the frame at pa and panics where there is none: a walk
// that went astray.
func (s *Store) Frame(pa uint64) []byte {
	f, ok := s.Frames[pa]
	if !ok {
		panic("ptabletest: no frame there")
	}
	return f
}

// Alloc hands out the next pool frame, every byte 0xff.
func (s *Store) Alloc() (uint64, bool) {
	if len(s.Pool) == 0 {
		return 0, false
	}
	pa := s.Pool[len(s.Pool)-1]
	s.Pool = s.Pool[:len(s.Pool)-1]
	s.Allocated[pa] = true
	for i := range s.Frames[pa] {
		s.Frames[pa][i] = 0xff
	}
	return pa, true
}

// Free takes back a frame Alloc handed out and panics on any other.
func (s *Store) Free(pa uint64) {
	if !s.Allocated[pa] {
		panic("ptabletest: freeing a frame that was not allocated")
	}
	delete(s.Allocated, pa)
	s.Freed = append(s.Freed, pa)
}
