//! The C boundary's contract, called as C would: NULL for every pointer argument, a handle
//! of the wrong kind, freeing NULL, out-parameters untouched on failure, status texts.

use std::ffi::{CStr, c_char};
use std::ptr;

use vosia::ffi::results::*;
use vosia::ffi::status::*;

const DOC: &str = r#"<VOTABLE><RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE>
<FIELD name="title" datatype="char" arraysize="*" ucd="VOX:Image_Title"/>
<FIELD name="ra" datatype="double" ucd="POS_EQ_RA_MAIN" unit="deg"/>
<FIELD name="naxis" datatype="int" arraysize="2" ucd="VOX:Image_Naxis"/>
<DATA><TABLEDATA><TR><TD>Héllo</TD><TD>10.5</TD><TD>2048 4096</TD></TR>
<TR><TD/><TD/><TD/></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"#;

fn parse() -> *mut vosia_results {
    let mut r = ptr::null_mut();
    let status = unsafe { vosia_results_parse(DOC.as_ptr().cast(), DOC.len(), 1, &mut r) };
    assert_eq!(status, VOSIA_OK);
    r
}

fn last_error() -> String {
    unsafe { CStr::from_ptr(vosia_last_error()) }
        .to_string_lossy()
        .into_owned()
}

#[test]
fn null_pointer_arguments_are_reported_not_dereferenced() {
    let r = parse();
    let mut out = ptr::null_mut();
    let mut d = 0.0;
    let mut i = 0i64;
    let mut s: *const c_char = ptr::null();
    let mut n = 0usize;
    let null_r: *const vosia_results = ptr::null();
    unsafe {
        assert_eq!(
            vosia_results_parse(ptr::null(), 5, 1, &mut out),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_parse(DOC.as_ptr().cast(), DOC.len(), 1, ptr::null_mut()),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_parse_file(ptr::null(), 1, &mut out),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_double(null_r, 0, 1, &mut d),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_double(r, 0, 1, ptr::null_mut()),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_int64(r, 0, 1, ptr::null_mut()),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_str(r, 0, 0, ptr::null_mut()),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_text(r, 0, 0, ptr::null_mut()),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_std_double(r, 0, VOSIA_FIELD_RA, ptr::null_mut()),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_std_str(r, 0, VOSIA_FIELD_TITLE, ptr::null_mut()),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_double_array(r, 0, 2, ptr::null_mut(), 2, &mut n),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_double_array(r, 0, 2, &mut d, 1, ptr::null_mut()),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_results_get_std_double_array(r, 0, VOSIA_FIELD_NAXIS, ptr::null_mut(), 2, &mut n),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(vosia_results_row_count(null_r), -1);
        assert_eq!(vosia_results_column_count(null_r), -1);
        assert_eq!(vosia_results_overflow(null_r), -1);
        assert_eq!(vosia_results_is_null(null_r, 0, 0), -1);
        assert_eq!(vosia_results_column_index(r, ptr::null()), -1);
        assert_eq!(vosia_results_column_by_ucd(r, ptr::null()), -1);
        assert_eq!(vosia_results_std_column(null_r, VOSIA_FIELD_RA), -1);
        assert_eq!(vosia_results_column_datatype(null_r, 0), -1);
        assert!(vosia_results_column_name(null_r, 0).is_null());
        assert!(vosia_results_info(r, ptr::null()).is_null());
        assert!(vosia_results_info(null_r, c"QUERY_STATUS".as_ptr()).is_null());
        assert_eq!(
            vosia_results_copy_str(null_r, 0, 0, ptr::null_mut(), 0, &mut n),
            VOSIA_E_NULL_ARG
        );
        // Failures wrote nothing.
        assert!(out.is_null() && d == 0.0 && i == 0 && s.is_null());
        assert_eq!(vosia_results_get_int64(r, 0, 1, &mut i), VOSIA_E_TYPE);
        assert_eq!(vosia_results_get_str(r, 0, 1, &mut s), VOSIA_E_TYPE);
        assert!(i == 0 && s.is_null());
        vosia_results_free(r);
    }
}

#[test]
fn a_handle_of_the_wrong_kind_is_refused() {
    let r = parse();
    // Any pointer that is not a results handle: here, a buffer of the right size.
    let mut fake = [0u64; 8];
    let fake = fake.as_mut_ptr().cast::<vosia_results>();
    let mut d = 0.0;
    unsafe {
        assert_eq!(
            vosia_results_get_double(fake, 0, 1, &mut d),
            VOSIA_E_BAD_HANDLE
        );
        assert!(
            last_error().contains("not a live vosia_results handle"),
            "{}",
            last_error()
        );
        assert_eq!(vosia_results_row_count(fake), -1);
        vosia_results_free(fake); // ignored, not freed
        vosia_results_free(ptr::null_mut());
        assert_eq!(vosia_results_row_count(r), 2);
        vosia_results_free(r);
    }
}

#[test]
fn values_nulls_and_copy_twins() {
    let r = parse();
    let mut d = 0.0;
    let mut s: *const c_char = ptr::null();
    let mut buf = [0 as c_char; 4];
    let mut len = 0usize;
    let mut arr = [0.0f64; 1];
    let mut n = 0usize;
    unsafe {
        assert_eq!(vosia_results_get_double(r, 0, 1, &mut d), VOSIA_OK);
        assert_eq!(d, 10.5);
        assert_eq!(vosia_results_get_double(r, 1, 1, &mut d), VOSIA_NULL_VALUE);
        assert_eq!(vosia_results_is_null(r, 1, 1), 1);
        assert_eq!(vosia_results_get_str(r, 0, 0, &mut s), VOSIA_OK);
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "Héllo");
        // "Héllo" is 6 bytes; 3 fit beside the NUL: "Hé" (a cut never splits a character).
        assert_eq!(
            vosia_results_copy_str(r, 0, 0, buf.as_mut_ptr(), buf.len(), &mut len),
            VOSIA_E_BUFFER_SIZE
        );
        assert_eq!(len, 6);
        assert_eq!(CStr::from_ptr(buf.as_ptr()).to_str().unwrap(), "Hé");
        assert_eq!(
            vosia_results_copy_str(r, 0, 0, ptr::null_mut(), 0, &mut len),
            VOSIA_E_BUFFER_SIZE
        );
        assert_eq!(len, 6);
        assert_eq!(
            vosia_results_get_double_array(r, 0, 2, arr.as_mut_ptr(), 1, &mut n),
            VOSIA_E_BUFFER_SIZE
        );
        assert_eq!((n, arr[0]), (2, 2048.0));
        assert_eq!(vosia_results_get_text(r, 0, 2, &mut s), VOSIA_OK);
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "2048 4096");
        assert_eq!(vosia_results_get_double(r, 5, 1, &mut d), VOSIA_E_RANGE);
        assert_eq!(vosia_results_get_double(r, -1, 1, &mut d), VOSIA_E_RANGE);
        assert_eq!(vosia_results_get_double(r, 0, 9, &mut d), VOSIA_E_RANGE);
        assert_eq!(
            vosia_results_get_std_double(r, 0, 999, &mut d),
            VOSIA_E_RANGE
        );
        assert_eq!(vosia_results_std_column(r, VOSIA_FIELD_TITLE), 0);
        assert_eq!(vosia_results_std_column(r, VOSIA_FIELD_FILESIZE), -1);
        assert_eq!(
            vosia_results_get_std_double(r, 0, VOSIA_FIELD_FILESIZE, &mut d),
            VOSIA_NULL_VALUE
        );
        assert_eq!(vosia_results_column_datatype(r, 1), VOSIA_TYPE_DOUBLE);
        assert_eq!(
            CStr::from_ptr(vosia_results_column_unit(r, 1))
                .to_str()
                .unwrap(),
            "deg"
        );
        assert_eq!(
            CStr::from_ptr(vosia_results_info(r, c"query_status".as_ptr()))
                .to_str()
                .unwrap(),
            "OK"
        );
        vosia_results_free(r);
    }
}

#[test]
fn status_texts_are_static_and_never_null() {
    for code in [
        0, 1, 10, 11, 12, 13, 14, 15, 16, 30, 31, 32, 33, 34, 40, 50, 51, 52, 60, 90, 99, -5, 1000,
    ] {
        let text = unsafe { CStr::from_ptr(vosia_strerror(code)) };
        assert!(!text.to_bytes().is_empty(), "{code}");
    }
    assert_eq!(
        unsafe { CStr::from_ptr(vosia_strerror(12345)) }
            .to_str()
            .unwrap(),
        "unknown status"
    );
}

#[test]
fn parse_errors_carry_detail_in_last_error() {
    let mut out = ptr::null_mut();
    let doc = r#"<VOTABLE><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">UsageFault: bad POS</INFO></RESOURCE></VOTABLE>"#;
    let status = unsafe { vosia_results_parse(doc.as_ptr().cast(), doc.len(), 2, &mut out) };
    assert_eq!(status, VOSIA_E_SERVICE);
    assert_eq!(last_error(), "UsageFault: bad POS");
    assert!(out.is_null());
    let status = unsafe { vosia_results_parse(b"<VOTABLE><".as_ptr().cast(), 10, 1, &mut out) };
    assert_eq!(status, VOSIA_E_FORMAT);
    assert!(last_error().contains("byte"), "{}", last_error());
    let status = unsafe { vosia_results_parse(doc.as_ptr().cast(), doc.len(), 3, &mut out) };
    assert_eq!(status, VOSIA_E_INVALID_ARG);
    let status = unsafe { vosia_results_parse_file(c"/nonexistent/x.xml".as_ptr(), 1, &mut out) };
    assert_eq!(status, VOSIA_E_IO);
    assert!(last_error().contains("/nonexistent/x.xml"));
}

#[test]
fn eight_threads_read_one_results_at_once() {
    let r = parse() as usize;
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(move || {
                let r = r as *const vosia_results;
                for _ in 0..2000 {
                    let mut s: *const c_char = ptr::null();
                    let mut d = 0.0;
                    unsafe {
                        assert_eq!(vosia_results_get_text(r, 0, 1, &mut s), VOSIA_OK);
                        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "10.5");
                        assert_eq!(
                            vosia_results_get_std_double(r, 0, VOSIA_FIELD_RA, &mut d),
                            VOSIA_OK
                        );
                        assert_eq!(d, 10.5);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    unsafe { vosia_results_free(r as *mut vosia_results) };
}

#[test]
fn copy_twins_of_the_library_wide_strings() {
    use vosia::ffi::version::vosia_copy_version;
    let mut buf = [0 as c_char; 64];
    let mut len = 0usize;
    unsafe {
        assert_eq!(
            vosia_copy_version(buf.as_mut_ptr(), buf.len(), &mut len),
            VOSIA_OK
        );
        assert_eq!(
            CStr::from_ptr(buf.as_ptr()).to_str().unwrap(),
            env!("CARGO_PKG_VERSION")
        );
        assert_eq!(
            vosia_copy_strerror(VOSIA_E_TIMEOUT, buf.as_mut_ptr(), 4, &mut len),
            VOSIA_E_BUFFER_SIZE
        );
        assert_eq!(len, "timed out".len());
        assert_eq!(CStr::from_ptr(buf.as_ptr()).to_str().unwrap(), "tim");
        let mut out = ptr::null_mut();
        assert_eq!(
            vosia_results_parse(ptr::null(), 0, 1, &mut out),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(
            vosia_copy_last_error(buf.as_mut_ptr(), buf.len(), &mut len),
            VOSIA_OK
        );
        assert_eq!(
            CStr::from_ptr(buf.as_ptr()).to_str().unwrap(),
            "argument `data` is NULL"
        );
        // Reading an error's detail never replaces the last error.
        assert!(vosia::ffi::query::vosia_query_error(ptr::null()).is_null());
        assert_eq!(last_error(), "argument `data` is NULL");
    }
}

#[test]
fn the_query_url_stays_valid_until_the_query_changes() {
    use vosia::ffi::query::*;
    use vosia::ffi::service::*;
    let mut s = ptr::null_mut();
    let mut q = ptr::null_mut();
    unsafe {
        assert_eq!(
            vosia_service_new(c"http://127.0.0.1:9/sia?".as_ptr(), VOSIA_SIA1, &mut s),
            VOSIA_OK
        );
        assert_eq!(vosia_query_new(s, &mut q), VOSIA_OK);
        assert_eq!(vosia_query_set_pos(q, 10.5, -3.25), VOSIA_OK);
        let first = vosia_query_url(q);
        let again = vosia_query_url(q);
        assert_eq!(first, again, "asking twice hands out the same string");
        assert_eq!(
            CStr::from_ptr(first).to_str().unwrap(),
            "http://127.0.0.1:9/sia?POS=10.5,-3.25"
        );
        // A rejected change changes nothing, so the string stays valid.
        assert_eq!(vosia_query_set_pos(q, 10.5, 91.0), VOSIA_E_INVALID_ARG);
        assert_eq!(
            CStr::from_ptr(first).to_str().unwrap(),
            "http://127.0.0.1:9/sia?POS=10.5,-3.25"
        );
        assert_eq!(vosia_query_set_size(q, 0.2, 0.2), VOSIA_OK);
        let changed = CStr::from_ptr(vosia_query_url(q)).to_str().unwrap();
        assert_eq!(changed, "http://127.0.0.1:9/sia?POS=10.5,-3.25&SIZE=0.2");
        vosia_service_free(s);
        vosia_query_free(q);
    }
}

#[test]
fn failing_calls_from_a_thread_local_destructor_do_not_abort() {
    struct CallsVosiaOnDrop;
    impl Drop for CallsVosiaOnDrop {
        fn drop(&mut self) {
            let mut out = ptr::null_mut();
            unsafe {
                assert_eq!(
                    vosia_results_parse(ptr::null(), 0, 1, &mut out),
                    VOSIA_E_NULL_ARG
                );
                assert!(!vosia_last_error().is_null());
            }
        }
    }
    thread_local! { static LATE: CallsVosiaOnDrop = const { CallsVosiaOnDrop }; }
    std::thread::spawn(|| LATE.with(|_| ())).join().unwrap();
}
