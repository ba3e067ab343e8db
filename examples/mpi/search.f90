! A survey's position list searched on MPI ranks, in Fortran: each rank takes every size-th
! position, runs its share as one vosia batch, and rank 0 gathers how many images each
! position found and prints "POSITION COUNT" lines in input order. Run alone (or -np 1) it is
! the serial run the parallel one must equal.
!
!     mpirun -np 2 mpi_search_fortran URL [N_POSITIONS]
program mpi_search_fortran
  use, intrinsic :: iso_c_binding, only: c_int64_t
  use mpi
  use vosia
  implicit none
  type(vosia_service_t) :: svc
  type(vosia_query_t), allocatable :: qs(:)
  type(vosia_batch_t) :: bat
  type(vosia_results_t) :: res
  integer :: ierr, rank, nranks, n, i, k, mine, status, item
  integer, allocatable :: counts(:), all_counts(:)
  integer(c_int64_t) :: rows
  character(len=1024) :: url, arg

  call mpi_init(ierr)
  call mpi_comm_rank(MPI_COMM_WORLD, rank, ierr)
  call mpi_comm_size(MPI_COMM_WORLD, nranks, ierr)
  call get_command_argument(1, url)
  n = 200
  if (command_argument_count() > 1) then
    call get_command_argument(2, arg)
    read (arg, *) n
  end if

  ! counts(i) is this rank's count for position i (0 for other ranks' positions); a sum
  ! over the ranks gathers them all on rank 0.
  allocate(counts(0:n - 1), all_counts(0:n - 1))
  counts = 0
  mine = 0
  do i = rank, n - 1, nranks
    mine = mine + 1
  end do
  allocate(qs(mine))
  status = VOSIA_OK
  call vosia_service_new(svc, trim(url), VOSIA_SIA1, status)
  k = 0
  do i = rank, n - 1, nranks
    k = k + 1
    call vosia_query_new(qs(k), svc, status)
    call vosia_query_set_pos(qs(k), 10.5d0 + 0.02d0 * mod(i, 20), 41.1d0 + 0.02d0 * (i / 20), &
        status)
    call vosia_query_set_size(qs(k), 0.2d0, 0.2d0, status)
  end do
  call vosia_batch_execute(qs, bat, status)
  k = 0
  do i = rank, n - 1, nranks
    k = k + 1
    call vosia_batch_status(bat, int(k, c_int64_t), item, status)
    if (item /= VOSIA_OK) cycle
    call vosia_batch_get_results(bat, int(k, c_int64_t), res, status)
    call vosia_results_row_count(res, rows, status)
    counts(i) = int(rows)
  end do
  if (status /= VOSIA_OK) write (0, '(a,i0,a,a)') 'rank ', rank, ': ', vosia_errmsg(status)

  call mpi_reduce(counts, all_counts, n, MPI_INTEGER, MPI_SUM, 0, MPI_COMM_WORLD, ierr)
  if (rank == 0) then
    do i = 0, n - 1
      print '(i0,1x,i0)', i, all_counts(i)
    end do
  end if
  call vosia_free(bat)
  do k = 1, mine
    call vosia_free(qs(k))
  end do
  call vosia_free(svc)
  call mpi_finalize(ierr)
  if (status /= VOSIA_OK) error stop 1
end program mpi_search_fortran
