//! The lifecycle against a recording responder: every path a reply can take.

use std::sync::{Arc, Mutex};

use tokio::sync::{oneshot, Notify};

use serde_json::json;

use super::*;
use crate::reply::{Attachment, Embed, Modal, TextInput};

/// One recorded call: its name, the JSON sent, the names of the files sent.
type Call = (&'static str, Value, Vec<String>);

/// Records every call; tells the test when the initial response went out.
#[derive(Default, Clone)]
struct Recorder {
    calls: Arc<Mutex<Vec<Call>>>,
    responded: Arc<Notify>,
    /// Like the HTTP endpoint: the first response cannot carry files.
    no_initial_files: bool,
}

impl Recorder {
    fn record(&self, name: &'static str, body: &Value, files: &Files) {
        let names = files.iter().map(|(name, _)| name.clone()).collect();
        self.calls.lock().unwrap().push((name, body.clone(), names));
    }

    fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }
}

impl Responder for Recorder {
    async fn respond(&self, body: &Value, files: Files) -> Result<()> {
        self.record("respond", body, &files);
        self.responded.notify_one();
        Ok(())
    }
    async fn edit_original(&self, data: &Value, files: Files) -> Result<()> {
        self.record("edit_original", data, &files);
        Ok(())
    }
    async fn delete_original(&self) -> Result<()> {
        self.record("delete_original", &Value::Null, &Vec::new());
        Ok(())
    }
    async fn follow_up(&self, data: &Value, files: Files) -> Result<()> {
        self.record("follow_up", data, &files);
        Ok(())
    }
    fn files_in_initial_response(&self) -> bool {
        !self.no_initial_files
    }
}

fn timing() -> Timing {
    Timing {
        defer_after: Duration::from_millis(100),
        autocomplete_budget: Duration::from_millis(100),
    }
}

fn chart_reply(ephemeral: bool) -> Reply {
    Reply::Message(Message {
        embeds: vec![Embed::new("Salary").footer("Source: a guide")],
        attachments: vec![Attachment {
            filename: "salary.png".into(),
            description: "chart".into(),
            bytes: vec![0x89, b'P', b'N', b'G'],
        }],
        ephemeral,
        slow: true,
        ..Message::default()
    })
}

/// Runs `deliver` with a reply that is only released once the deferred response went out,
/// so the slow path is taken without depending on how busy the machine is.
async fn deliver_late(reply: Reply, private: bool) -> (Recorder, Delivered) {
    let recorder = Recorder::default();
    let exchange = Exchange::new(recorder.clone());
    let (release, released) = oneshot::channel::<()>();
    let responded = recorder.responded.clone();
    let releaser = tokio::spawn(async move {
        responded.notified().await;
        release.send(()).unwrap();
    });
    let work = async move {
        released.await.unwrap();
        reply
    };
    let delivered = exchange.deliver(work, private, &timing()).await.unwrap();
    releaser.await.unwrap();
    assert_eq!(exchange.stage(), Stage::Answered);
    (recorder, delivered)
}

#[tokio::test]
async fn a_ready_reply_is_the_initial_response_exactly_as_rendered() {
    let recorder = Recorder::default();
    let exchange = Exchange::new(recorder.clone());
    let reply = chart_reply(false);
    let delivered = exchange
        .deliver(std::future::ready(reply.clone()), false, &timing())
        .await
        .unwrap();
    assert_eq!(delivered, Delivered::Immediately);
    let rendered = render::interaction_response(&reply);
    assert_eq!(
        recorder.calls(),
        vec![("respond", rendered.body, vec!["salary.png".to_string()])]
    );
    assert_eq!(exchange.stage(), Stage::Answered);
}

/// Every combination of what the deferral promised (decided before the reply exists) and what
/// the reply turned out to be. A personal reply is never visible in the channel, not even as a
/// placeholder; a mismatch is replaced, never edited across visibilities.
#[tokio::test]
async fn slow_replies_keep_the_visibility_decided_before_deferring() {
    let cases = [
        // (deferred privately, reply ephemeral, calls, delivered)
        (
            false,
            false,
            &["respond", "edit_original"][..],
            Delivered::EditedAfterDeferring,
        ),
        (
            true,
            true,
            &["respond", "edit_original"][..],
            Delivered::EditedAfterDeferring,
        ),
        (
            false,
            true,
            &["respond", "delete_original", "follow_up"][..],
            Delivered::PrivatelyAfterDeferring,
        ),
        (
            true,
            false,
            &["respond", "delete_original", "follow_up"][..],
            Delivered::PubliclyAfterDeferring,
        ),
    ];
    for (private, ephemeral, expected_calls, expected) in cases {
        let reply = chart_reply(ephemeral);
        let (recorder, delivered) = deliver_late(reply.clone(), private).await;
        let case = format!("deferred privately {private}, reply ephemeral {ephemeral}");
        assert_eq!(delivered, expected, "{case}");
        let calls = recorder.calls();
        let names: Vec<&str> = calls.iter().map(|c| c.0).collect();
        assert_eq!(names, expected_calls, "{case}");
        let deferral_flags = calls[0].1["data"]["flags"].as_u64().unwrap_or(0);
        assert_eq!(calls[0].1["type"], 5, "{case}");
        assert_eq!(deferral_flags & 64 != 0, private, "{case}");
        let (data, _) = render::message_data(reply.as_message().unwrap());
        let last = calls.last().unwrap();
        assert_eq!(last.1, data, "{case}");
        assert_eq!(last.2, ["salary.png"], "{case}");
    }
}

#[tokio::test]
async fn a_ready_reply_with_files_is_deferred_where_the_first_response_cannot_carry_them() {
    for ephemeral in [false, true] {
        let recorder = Recorder {
            no_initial_files: true,
            ..Recorder::default()
        };
        let exchange = Exchange::new(recorder.clone());
        let reply = chart_reply(ephemeral);
        let delivered = exchange
            .deliver(std::future::ready(reply.clone()), !ephemeral, &timing())
            .await
            .unwrap();
        assert_eq!(delivered, Delivered::EditedAfterDeferring);
        let calls = recorder.calls();
        assert_eq!(
            calls[0].1,
            deferral(ephemeral),
            "the reply's own visibility"
        );
        assert_eq!(calls[1].0, "edit_original");
        assert_eq!(calls[1].2, ["salary.png"]);
    }
}

#[tokio::test]
async fn a_late_modal_becomes_a_polite_ephemeral_notice() {
    let modal = Reply::Modal(Modal {
        custom_id: "iv:modal:1".into(),
        title: "Your answer".into(),
        inputs: vec![TextInput {
            custom_id: "answer".into(),
            label: "Answer".into(),
            paragraph: true,
            min_length: 1,
            max_length: 4000,
            required: true,
            placeholder: None,
        }],
    });
    let (recorder, _) = deliver_late(modal, false).await;
    let calls = recorder.calls();
    assert_eq!(calls.last().unwrap().0, "follow_up");
    assert_eq!(calls.last().unwrap().1["content"], FORM_TOO_SLOW);
    assert_eq!(calls.last().unwrap().1["flags"], json!(64));
}

#[tokio::test]
async fn slow_autocomplete_answers_with_no_suggestions_in_time() {
    let recorder = Recorder::default();
    let exchange = Exchange::new(recorder.clone());
    let never = std::future::pending::<Vec<Choice>>();
    exchange.deliver_choices(never, &timing()).await.unwrap();
    assert_eq!(
        recorder.calls(),
        vec![(
            "respond",
            json!({ "type": 8, "data": { "choices": [] } }),
            vec![]
        )]
    );
}

fn explode() -> Reply {
    panic!("a bug in a handler")
}

#[tokio::test]
async fn a_panicking_handler_still_gets_the_user_an_answer() {
    // The work panics inside its own task, as the gateway handler runs it.
    let recorder = Recorder::default();
    let exchange = Arc::new(Exchange::new(recorder.clone()));
    let inner = exchange.clone();
    let outcome =
        tokio::spawn(async move { inner.deliver(async { explode() }, false, &timing()).await })
            .await;
    assert!(outcome.unwrap_err().is_panic());
    assert_eq!(exchange.stage(), Stage::Open);
    exchange.recover(false).await.unwrap();
    let calls = recorder.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].1["type"], 4);
    assert_eq!(calls[0].1["data"]["flags"], json!(64));

    // After a deferral the notice replaces the placeholder; once answered, nothing is sent.
    let recorder = Recorder::default();
    let exchange = Exchange::new(recorder.clone());
    exchange.defer(false).await.unwrap();
    exchange.recover(false).await.unwrap();
    exchange.recover(false).await.unwrap();
    let names: Vec<&str> = recorder.calls().iter().map(|c| c.0).collect();
    assert_eq!(names, ["respond", "delete_original", "follow_up"]);
}

#[tokio::test]
async fn shutdown_waits_for_interactions_in_flight_and_names_them() {
    let in_flight: &'static InFlight = Box::leak(Box::default());
    assert!(in_flight.wait_idle(Duration::from_millis(10)).await);
    let guard = in_flight.enter("111");
    let second = in_flight.enter("222");
    assert!(!in_flight.wait_idle(Duration::from_millis(50)).await);
    assert_eq!(in_flight.open_ids(), ["111", "222"]);
    drop(second);
    let waiter = tokio::spawn(in_flight.wait_idle(Duration::from_secs(20)));
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(!waiter.is_finished());
    drop(guard);
    assert!(waiter.await.unwrap());
    assert_eq!(in_flight.count(), 0);
}
