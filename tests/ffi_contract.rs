//! The C boundary's contract, called as C would: a handle of the wrong kind, freeing NULL,
//! out-parameters untouched on failure, the last status, status texts, keyed attributes,
//! whole columns, the standard-field list. (NULL for every pointer of every function: the C
//! test generated from the header, tests/c/gen_contract.py.)

use std::ffi::{CStr, c_char};
use std::ptr;

use vosia::ffi::consts::*;
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
fn failures_write_nothing_and_say_why() {
    // NULL for every pointer of every function is pinned by the C test generated from the
    // header (tests/c/gen_contract.py); here: out-parameters stay untouched on failure, and
    // value getters keep their reason in vosia_last_status.
    let r = parse();
    let mut out = ptr::null_mut();
    let mut d = 0.0;
    let mut i = 0i64;
    let mut s: *const c_char = ptr::null();
    let mut col = -7;
    let null_r: *const vosia_results = ptr::null();
    unsafe {
        assert_eq!(
            vosia_results_parse(ptr::null(), 5, 1, &mut out),
            VOSIA_E_NULL_ARG
        );
        assert_eq!(vosia_results_get_int64(r, 0, 1, &mut i), VOSIA_E_TYPE);
        assert_eq!(vosia_results_get_str(r, 0, 1, &mut s), VOSIA_E_TYPE);
        assert_eq!(vosia_results_get_double(r, 0, 0, &mut d), VOSIA_E_TYPE);
        assert_eq!(
            vosia_results_column_index(r, c"nope".as_ptr(), &mut col),
            VOSIA_NULL_VALUE
        );
        assert_eq!(vosia_results_std_column(r, 999, &mut col), VOSIA_E_RANGE);
        assert!(out.is_null() && d == 0.0 && i == 0 && s.is_null() && col == -7);
        assert_eq!(vosia_results_row_count(null_r), -1);
        assert_eq!(vosia_last_status(), VOSIA_E_NULL_ARG);
        assert_eq!(vosia_results_is_null(r, 5, 0), -1);
        assert_eq!(vosia_last_status(), VOSIA_E_RANGE);
        assert!(last_error().contains("row 5"), "{}", last_error());
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
        assert_eq!(vosia_last_status(), VOSIA_E_BAD_HANDLE);
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
        let mut col = -1;
        assert_eq!(
            vosia_results_std_column(r, VOSIA_FIELD_TITLE, &mut col),
            VOSIA_OK
        );
        assert_eq!(col, 0);
        assert_eq!(
            vosia_results_std_column(r, VOSIA_FIELD_FILESIZE, &mut col),
            VOSIA_NULL_VALUE
        );
        assert_eq!(
            vosia_results_get_std_double(r, 0, VOSIA_FIELD_FILESIZE, &mut d),
            VOSIA_NULL_VALUE
        );
        let mut ty = 0;
        assert_eq!(vosia_results_column_datatype(r, 1, &mut ty), VOSIA_OK);
        assert_eq!(ty, VOSIA_TYPE_DOUBLE);
        assert_eq!(
            vosia_results_get_column_attr(r, 1, VOSIA_ATTR_UNIT, &mut s),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "deg");
        assert_eq!(
            vosia_results_info(r, c"query_status".as_ptr(), &mut s),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "OK");
        assert_eq!(
            vosia_results_info(r, c"nothing".as_ptr(), &mut s),
            VOSIA_NULL_VALUE
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
fn the_last_error_has_a_copy_twin_and_reading_a_query_error_keeps_it() {
    let mut buf = [0 as c_char; 64];
    let mut len = 0usize;
    unsafe {
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
        assert_eq!(
            vosia_copy_last_error(buf.as_mut_ptr(), 4, &mut len),
            VOSIA_E_BUFFER_SIZE
        );
        assert_eq!(
            (len, CStr::from_ptr(buf.as_ptr()).to_str().unwrap()),
            (23, "arg")
        );
        // Reading an error's detail never replaces the last error (a truncated copy sets it,
        // so set it again first).
        assert_eq!(
            vosia_results_parse(ptr::null(), 0, 1, &mut out),
            VOSIA_E_NULL_ARG
        );
        let mut text = ptr::null();
        assert_eq!(
            vosia::ffi::query::vosia_query_error(ptr::null(), &mut text),
            VOSIA_E_NULL_ARG
        );
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
        let url = |q| {
            let mut u = ptr::null();
            assert_eq!(vosia_query_url(q, &mut u), VOSIA_OK);
            u
        };
        let first = url(q);
        let again = url(q);
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
        let changed = CStr::from_ptr(url(q)).to_str().unwrap();
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

#[test]
fn keyed_column_attributes_null_when_unset_and_invalid_when_unknown() {
    let r = parse();
    let mut s: *const c_char = ptr::null();
    let mut buf = [0 as c_char; 16];
    let mut len = 0usize;
    unsafe {
        assert_eq!(
            vosia_results_get_column_attr(r, 0, VOSIA_ATTR_NAME, &mut s),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "title");
        assert_eq!(
            vosia_results_get_column_attr(r, 2, VOSIA_ATTR_ARRAYSIZE, &mut s),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "2");
        assert_eq!(
            vosia_results_get_column_attr(r, 1, VOSIA_ATTR_DATATYPE, &mut s),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "double");
        // Set nowhere: null, not "".
        assert_eq!(
            vosia_results_get_column_attr(r, 0, VOSIA_ATTR_UNIT, &mut s),
            VOSIA_NULL_VALUE
        );
        assert_eq!(
            vosia_results_copy_column_attr(r, 0, VOSIA_ATTR_UTYPE, buf.as_mut_ptr(), 16, &mut len),
            VOSIA_NULL_VALUE
        );
        // Columns have no VALUE: the key is wrong, not the data.
        assert_eq!(
            vosia_results_get_column_attr(r, 0, VOSIA_ATTR_VALUE, &mut s),
            VOSIA_E_INVALID_ARG
        );
        assert!(last_error().contains("NAME, ID, UCD"), "{}", last_error());
        assert_eq!(
            vosia_results_get_column_attr(r, 7, VOSIA_ATTR_NAME, &mut s),
            VOSIA_E_RANGE
        );
        assert_eq!(
            vosia_results_copy_column_attr(r, 1, VOSIA_ATTR_UCD, buf.as_mut_ptr(), 16, &mut len),
            VOSIA_OK
        );
        assert_eq!(
            CStr::from_ptr(buf.as_ptr()).to_str().unwrap(),
            "POS_EQ_RA_MAIN"
        );
        vosia_results_free(r);
    }
}

#[test]
fn lookups_by_ucd_word_and_by_utype() {
    let doc = r#"<VOTABLE><RESOURCE type="results"><TABLE>
<FIELD name="dec2" datatype="double" ucd="pos.eq.dec"/>
<FIELD name="ra" datatype="double" ucd="pos.eq.ra;meta.main" utype="obscore:Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C1"/>
<FIELD name="dec" datatype="double" ucd="pos.eq.dec;meta.main"/>
<DATA><TABLEDATA><TR><TD>1</TD><TD>2</TD><TD>3</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"#;
    let mut r = ptr::null_mut();
    let mut col = -1;
    unsafe {
        assert_eq!(
            vosia_results_parse(doc.as_ptr().cast(), doc.len(), 2, &mut r),
            VOSIA_OK
        );
        // Every word present beats a partial match; the main word beats a later one.
        assert_eq!(
            vosia_results_column_by_ucd(r, c"pos.eq.dec;meta.main".as_ptr(), &mut col),
            0
        );
        assert_eq!(col, 2);
        assert_eq!(
            vosia_results_column_by_ucd(r, c"POS.EQ.RA".as_ptr(), &mut col),
            0
        );
        assert_eq!(col, 1);
        // pyvo's rule: any shared word matches.
        assert_eq!(
            vosia_results_column_by_ucd(r, c"meta.main;pos.galactic".as_ptr(), &mut col),
            0
        );
        assert_eq!(col, 1);
        assert_eq!(
            vosia_results_column_by_ucd(r, c"phot.mag".as_ptr(), &mut col),
            VOSIA_NULL_VALUE
        );
        let utype = c"Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C1";
        assert_eq!(
            vosia_results_column_by_utype(r, utype.as_ptr(), &mut col),
            VOSIA_OK
        );
        assert_eq!(col, 1);
        assert_eq!(
            vosia_results_column_by_utype(r, c"obscore:Char.Nothing".as_ptr(), &mut col),
            VOSIA_NULL_VALUE
        );
        vosia_results_free(r);
    }
}

#[test]
fn whole_columns_equal_their_cells() {
    let r = parse();
    let mut values = [7.0f64; 2];
    let mut nulls = [7i32; 2];
    let mut texts = [ptr::null::<c_char>(); 2];
    let mut ints = [7i64; 2];
    unsafe {
        assert_eq!(
            vosia_results_get_double_column(r, 1, 0, 2, values.as_mut_ptr(), nulls.as_mut_ptr()),
            VOSIA_OK
        );
        assert_eq!(values[0], 10.5);
        assert!(values[1].is_nan());
        assert_eq!(nulls, [0, 1]);
        // The mask is optional; a text column is a type error and writes nothing.
        let mut again = [0.0f64; 1];
        assert_eq!(
            vosia_results_get_double_column(r, 1, 1, 1, again.as_mut_ptr(), ptr::null_mut()),
            VOSIA_OK
        );
        assert!(again[0].is_nan());
        assert_eq!(
            vosia_results_get_double_column(r, 0, 0, 2, values.as_mut_ptr(), ptr::null_mut()),
            VOSIA_E_TYPE
        );
        assert_eq!(values[0], 10.5);
        assert_eq!(
            vosia_results_get_double_column(r, 1, 1, 2, values.as_mut_ptr(), ptr::null_mut()),
            VOSIA_E_RANGE
        );
        assert_eq!(
            vosia_results_get_int64_column(r, 1, 0, 2, ints.as_mut_ptr(), ptr::null_mut()),
            VOSIA_E_TYPE
        );
        assert_eq!(
            vosia_results_get_text_column(r, 0, 0, 2, texts.as_mut_ptr()),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(texts[0]).to_str().unwrap(), "Héllo");
        assert!(texts[1].is_null());
        assert_eq!(
            vosia_results_get_text_column(r, 1, 0, 1, texts.as_mut_ptr()),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(texts[0]).to_str().unwrap(), "10.5");
        assert_eq!(
            vosia_results_get_std_double_column(
                r,
                VOSIA_FIELD_RA,
                0,
                2,
                values.as_mut_ptr(),
                nulls.as_mut_ptr()
            ),
            VOSIA_OK
        );
        assert_eq!((values[0], nulls), (10.5, [0, 1]));
        assert_eq!(
            vosia_results_get_std_double_column(
                r,
                VOSIA_FIELD_FILESIZE,
                0,
                2,
                values.as_mut_ptr(),
                ptr::null_mut()
            ),
            VOSIA_NULL_VALUE
        );
        assert_eq!(
            vosia_results_get_std_text_column(r, VOSIA_FIELD_TITLE, 0, 2, texts.as_mut_ptr()),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(texts[0]).to_str().unwrap(), "Héllo");
        assert!(texts[1].is_null());
        // Zero rows need no buffer.
        assert_eq!(
            vosia_results_get_double_column(r, 1, 2, 0, ptr::null_mut(), ptr::null_mut()),
            VOSIA_OK
        );
        vosia_results_free(r);
    }
}

#[test]
fn the_standard_fields_enumerate_from_c() {
    use vosia::ffi::fields::*;
    unsafe {
        assert_eq!(vosia_field_count(), VOSIA_FIELD_COUNT);
        let mut s = ptr::null();
        let mut kind = 0;
        let mut f = -1;
        assert_eq!(
            vosia_field_get_attr(VOSIA_FIELD_MJD_OBS, VOSIA_ATTR_NAME, &mut s),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "mjd_obs");
        assert_eq!(
            vosia_field_get_attr(VOSIA_FIELD_MJD_OBS, VOSIA_ATTR_UNIT, &mut s),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "d");
        assert_eq!(
            vosia_field_get_attr(VOSIA_FIELD_EM_MIN, VOSIA_ATTR_UNIT, &mut s),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(s).to_str().unwrap(), "m");
        assert_eq!(
            vosia_field_get_attr(VOSIA_FIELD_TITLE, VOSIA_ATTR_UNIT, &mut s),
            VOSIA_NULL_VALUE
        );
        assert_eq!(
            vosia_field_get_attr(VOSIA_FIELD_TITLE, VOSIA_ATTR_UCD, &mut s),
            VOSIA_E_INVALID_ARG
        );
        assert_eq!(
            vosia_field_get_attr(VOSIA_FIELD_COUNT, VOSIA_ATTR_NAME, &mut s),
            VOSIA_E_RANGE
        );
        for (field, want) in [
            (VOSIA_FIELD_ACCESS_URL, VOSIA_KIND_TEXT),
            (VOSIA_FIELD_RA, VOSIA_KIND_NUMBER),
            (VOSIA_FIELD_NAXIS, VOSIA_KIND_ARRAY),
        ] {
            assert_eq!(vosia_field_kind(field, &mut kind), VOSIA_OK);
            assert_eq!(kind, want, "field {field}");
        }
        assert_eq!(vosia_field_by_name(c"S_FOV".as_ptr(), &mut f), VOSIA_OK);
        assert_eq!(f, VOSIA_FIELD_S_FOV);
        assert_eq!(
            vosia_field_by_name(c"fov".as_ptr(), &mut f),
            VOSIA_NULL_VALUE
        );
        let mut buf = [0 as c_char; 4];
        let mut len = 0;
        assert_eq!(
            vosia_field_copy_attr(
                VOSIA_FIELD_ACCESS_URL,
                VOSIA_ATTR_NAME,
                buf.as_mut_ptr(),
                4,
                &mut len
            ),
            VOSIA_E_BUFFER_SIZE
        );
        assert_eq!(
            (len, CStr::from_ptr(buf.as_ptr()).to_str().unwrap()),
            (10, "acc")
        );
    }
}

#[test]
fn warnings_are_readable_with_their_copy_twin() {
    let doc = r#"<VOTABLE><RESOURCE type="results"><TABLE><FIELD name="n" datatype="int"/>
<DATA><TABLEDATA><TR><TD>x</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"#;
    let mut r = ptr::null_mut();
    let mut s = ptr::null();
    let mut buf = [0 as c_char; 256];
    let mut len = 0;
    unsafe {
        assert_eq!(
            vosia_results_parse(doc.as_ptr().cast(), doc.len(), 1, &mut r),
            VOSIA_OK
        );
        assert_eq!(vosia_results_warning_count(r), 1);
        assert_eq!(vosia_results_warning(r, 0, &mut s), VOSIA_OK);
        let text = CStr::from_ptr(s).to_str().unwrap().to_string();
        assert!(text.contains("row 0"), "{text}");
        assert_eq!(
            vosia_results_copy_warning(r, 0, buf.as_mut_ptr(), 256, &mut len),
            VOSIA_OK
        );
        assert_eq!(CStr::from_ptr(buf.as_ptr()).to_str().unwrap(), text);
        assert_eq!(vosia_results_warning(r, 1, &mut s), VOSIA_E_RANGE);
        vosia_results_free(r);
    }
}
