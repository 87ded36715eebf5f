package mm

// DiscardMapped is MADV_DONTNEED over [start, end): the frames behind
// every mapped part are freed and the VMAs stay, so the next access reads
// zeros (madvise_dontneed_single_vma, zap_page_range_single, for private
// anonymous memory). mapped says some part of the range was mapped, hole
// that some part was not: madvise advises the mapped parts and answers
// ENOMEM afterwards (madvise_walk_vmas). start and end are page aligned,
// start <= end.
func (as *AddressSpace) DiscardMapped(start, end uint64) (mapped,
	hole bool) {
	as.mu.Lock()
	defer as.mu.Unlock()
	return as.walkRange(start, end, as.dropPages)
}

// Coverage reports what DiscardMapped would, changing nothing: for the
// advice that acts on no page.
func (as *AddressSpace) Coverage(start, end uint64) (mapped, hole bool) {
	as.mu.Lock()
	defer as.mu.Unlock()
	return as.walkRange(start, end, nil)
}

// walkRange calls fn (unless nil) on every mapped part of [start, end),
// lowest first, and reports whether there was one and whether there was
// a hole. It allocates nothing.
func (as *AddressSpace) walkRange(start, end uint64,
	fn func(lo, hi uint64)) (mapped, hole bool) {
	next := start
	for i := as.lowerBound(start); i < len(as.vmas) &&
		as.vmas[i].Start < end; i++ {
		v := as.vmas[i]
		if v.Start > next {
			hole = true
		}
		lo, hi := max(v.Start, next), min(v.End, end)
		if fn != nil {
			fn(lo, hi)
		}
		mapped, next = true, hi
	}
	return mapped, hole || next < end
}
