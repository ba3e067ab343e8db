! search: search an SIA 1.0 service by position with the Fortran module vosia and print the
! images found (title, RA, Dec, MJD, access URL); or read a saved response with -f.
!
!     search URL RA DEC SIZE      e.g. search 'http://127.0.0.1:8080/siatest/q/i/siap.xml?' 10.68 41.27 0.2
!     search -f RESPONSE.xml
!
! It shows the module's conventions: one status threaded through every call and checked once,
! 1-based rows, allocatable strings, nulls through is_null.
program search
  use, intrinsic :: iso_c_binding, only: c_double
  use vosia
  implicit none
  type(vosia_service_t) :: svc
  type(vosia_query_t) :: q
  type(vosia_results_t) :: res
  integer :: status, n, i
  real(c_double) :: ra, dec, size, mjd
  character(len=1024) :: arg1, arg2, arg3, arg4
  character(len=:), allocatable :: title, url
  logical :: no_mjd
  character(len=30) :: title30

  status = VOSIA_OK
  call get_command_argument(1, arg1)
  call get_command_argument(2, arg2)
  if (arg1 == '-f' .and. command_argument_count() == 2) then
    call vosia_results_parse_file(res, arg2, VOSIA_SIA1, status)
  else if (command_argument_count() == 4) then
    call get_command_argument(3, arg3)
    call get_command_argument(4, arg4)
    read (arg2, *) ra
    read (arg3, *) dec
    read (arg4, *) size
    call vosia_service_new(svc, arg1, VOSIA_SIA1, status)
    call vosia_service_set_timeout(svc, 60d0, status)
    call vosia_query_new(q, svc, status)
    call vosia_query_set_pos(q, ra, dec, status)
    call vosia_query_set_size(q, size, size, status)
    call vosia_query_execute(q, res, status)
  else
    print '(a)', 'usage: search URL RA DEC SIZE | search -f RESPONSE.xml'
    stop 2
  end if

  call vosia_results_row_count(res, n, status)
  if (status == VOSIA_OK) print '(i0,a)', n, ' images'
  do i = 1, n
    call vosia_results_get_std_str(res, i, VOSIA_FIELD_TITLE, title, status)
    call vosia_results_get_std_double(res, i, VOSIA_FIELD_RA, ra, status)
    call vosia_results_get_std_double(res, i, VOSIA_FIELD_DEC, dec, status)
    call vosia_results_get_std_double(res, i, VOSIA_FIELD_MJD_OBS, mjd, status, is_null=no_mjd)
    call vosia_results_get_std_str(res, i, VOSIA_FIELD_ACCESS_URL, url, status)
    if (no_mjd) mjd = -1
    title30 = title
    print '(a,1x,f10.5,1x,f10.5,1x,f11.4,1x,a)', title30, ra, dec, mjd, url
  end do

  if (status /= VOSIA_OK) then
    print '(a,a)', 'search: ', vosia_errmsg(status, q)
  end if
  call vosia_free(res)
  call vosia_free(q)
  call vosia_free(svc)
  if (status /= VOSIA_OK) stop 1
end program search
