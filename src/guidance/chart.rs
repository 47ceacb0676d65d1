//! The `/salary` chart: a PNG of the salary bands by level, one colour per guide, drawn in-process
//! with plotters and the embedded DejaVu Sans font (no system font lookup).
//!
//! It draws only what the guides state: a closed band as a bar, an open-ended band ("$250,000+")
//! as a bar fading upward with an arrow and a "250k+" label, and a guide's headline figures
//! (low, median, high) in a separate "All levels" column. A guide whose ladder is qualitative gets
//! no per-level bars.

use std::sync::OnceLock;

use plotters::prelude::*;
use plotters::style::register_font;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::content::model::Level;

/// DejaVu Sans (see `assets/DejaVuSans-LICENSE.txt`).
const FONT_BYTES: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");
/// Registered under plotters' default family name, so every label plotters draws uses it.
const FONT: &str = "sans-serif";

pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 450;

/// One level's band as a guide gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub level: Level,
    pub min: u32,
    /// None for an open-ended band ("exceed $250,000").
    pub max: Option<u32>,
}

/// A guide's headline figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Overall {
    pub low: u32,
    pub high: u32,
    pub median: Option<u32>,
}

/// The chart's words: its title, what was asked (the level or years, shown under the title and
/// beside the shaded column), and footnotes naming each source with its currency and country.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartLabels {
    pub title: String,
    pub asked: Option<String>,
    pub notes: Vec<String>,
}

/// Everything one guide contributes to the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    pub label: String,
    pub bands: Vec<Band>,
    pub overall: Option<Overall>,
}

const PALETTE: [RGBColor; 4] = [
    RGBColor(43, 123, 185),
    RGBColor(230, 126, 34),
    RGBColor(46, 139, 87),
    RGBColor(142, 68, 173),
];

fn font_ready() -> Result<(), String> {
    static READY: OnceLock<bool> = OnceLock::new();
    let ok = *READY.get_or_init(|| register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok());
    if ok {
        Ok(())
    } else {
        Err("the embedded chart font could not be loaded".into())
    }
}

/// `105000` -> `105k`.
fn short(amount: u32) -> String {
    if amount.is_multiple_of(1000) {
        format!("{}k", amount / 1000)
    } else {
        format!("{:.1}k", f64::from(amount) / 1000.0)
    }
}

fn level_label(level: Level) -> &'static str {
    match level {
        Level::Junior => "Junior",
        Level::Mid => "Mid",
        Level::Senior => "Senior",
        Level::Lead => "Lead",
        Level::Principal => "Principal",
    }
}

/// The y range: from a round number below the lowest figure to one above the highest, leaving
/// room above for the arrow of an open-ended band.
fn y_range(series: &[ChartSeries]) -> (f64, f64) {
    let mut low = u32::MAX;
    let mut high = 0;
    for s in series {
        for band in &s.bands {
            low = low.min(band.min);
            high = high.max(band.max.unwrap_or(band.min));
        }
        if let Some(overall) = &s.overall {
            low = low.min(overall.low);
            high = high.max(overall.high);
        }
    }
    if low > high {
        return (0.0, 100_000.0);
    }
    let step = 50_000.0;
    let bottom = ((f64::from(low) - 20_000.0) / step).floor().max(0.0) * step;
    let top = ((f64::from(high) + 40_000.0) / step).ceil() * step;
    (bottom, top)
}

/// Renders the chart as PNG bytes. `highlight` shades one level's column.
pub fn salary_chart(
    labels: &ChartLabels,
    series: &[ChartSeries],
    highlight: Option<Level>,
) -> Result<Vec<u8>, String> {
    font_ready()?;
    let mut rgb = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    draw(&mut rgb, labels, series, highlight).map_err(|e| format!("drawing: {e}"))?;
    encode_png(&rgb)
}

fn encode_png(rgb: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| format!("encoding: {e}"))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| format!("encoding: {e}"))?;
    writer.finish().map_err(|e| format!("encoding: {e}"))?;
    Ok(out)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn text_style(size: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'_> {
    TextStyle::from((FONT, size).into_font())
        .color(color)
        .pos(Pos::new(h, v))
}

const INK: RGBColor = RGBColor(40, 40, 40);
const MUTED: RGBColor = RGBColor(110, 110, 110);
const SHADE: RGBColor = RGBColor(236, 240, 245);

/// Extra x range right of the last column, in columns, for the median labels.
const RIGHT_ROOM: f64 = 0.75;

/// Height of one footnote line, in pixels.
const NOTE_LINE: i32 = 15;

fn draw(
    rgb: &mut [u8],
    labels: &ChartLabels,
    series: &[ChartSeries],
    highlight: Option<Level>,
) -> DrawResult {
    let root = BitMapBackend::with_buffer(rgb, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let legend_rows = series.len().max(1) as i32;
    let asked_height = if labels.asked.is_some() { 18 } else { 0 };
    let header = 36 + asked_height + legend_rows * 20;
    let footer = 6 + labels.notes.len() as i32 * NOTE_LINE;
    let (top, rest) = root.split_vertically(header);
    let (bottom, notes) = rest.split_vertically(HEIGHT as i32 - header - footer);
    top.draw(&Text::new(
        labels.title.clone(),
        (WIDTH as i32 / 2, 8),
        text_style(20.0, &INK, HPos::Center, VPos::Top),
    ))?;
    if let Some(asked) = &labels.asked {
        top.draw(&Text::new(
            asked.clone(),
            (WIDTH as i32 / 2, 34),
            text_style(14.0, &INK, HPos::Center, VPos::Top),
        ))?;
    }
    for (i, note) in labels.notes.iter().enumerate() {
        notes.draw(&Text::new(
            note.clone(),
            (10, 2 + i as i32 * NOTE_LINE),
            text_style(11.0, &MUTED, HPos::Left, VPos::Top),
        ))?;
    }
    for (i, s) in series.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let y = 40 + asked_height + i as i32 * 20;
        top.draw(&Rectangle::new([(70, y), (84, y + 12)], color.filled()))?;
        let note = if s.bands.is_empty() {
            " — no per-level figures; headline pay under “All levels”"
        } else {
            ""
        };
        top.draw(&Text::new(
            format!("{}{note}", s.label),
            (92, y + 6),
            text_style(13.0, &INK, HPos::Left, VPos::Center),
        ))?;
    }

    let has_overall = series.iter().any(|s| s.overall.is_some());
    let mut columns: Vec<&str> = Level::ALL.iter().map(|l| level_label(*l)).collect();
    if has_overall {
        columns.push("All levels");
    }
    let count = columns.len();
    let (y0, y1) = y_range(series);
    let right_room = if has_overall { RIGHT_ROOM } else { 0.0 };
    let mut chart = ChartBuilder::on(&bottom)
        .margin_left(10)
        .margin_right(20)
        .margin_bottom(8)
        .x_label_area_size(28)
        .y_label_area_size(56)
        .build_cartesian_2d(-0.5f64..(count as f64 - 0.5 + right_room), y0..y1)?;
    // Shade first, so the grid stays visible over it.
    if let Some(level) = highlight {
        let x = Level::ALL.iter().position(|l| *l == level).unwrap_or(0) as f64;
        chart.plotting_area().draw(&Rectangle::new(
            [(x - 0.48, y0), (x + 0.48, y1)],
            SHADE.filled(),
        ))?;
        // Labelled at the foot of the column, below every band (the axis starts under the
        // lowest figure), so the label never covers a bar or an arrow.
        chart.plotting_area().draw(&Text::new(
            "asked",
            (x, y0),
            text_style(12.0, &MUTED, HPos::Center, VPos::Bottom),
        ))?;
    }
    chart
        .configure_mesh()
        .disable_x_mesh()
        // Category names are drawn below, centred under their columns: plotters' numeric key
        // points would skip some.
        .x_labels(0)
        .y_labels(8)
        .y_label_formatter(&|y: &f64| format!("${}", short(*y as u32)))
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(225, 225, 225))
        .label_style(TextStyle::from((FONT, 13).into_font()).color(&INK))
        .axis_style(MUTED)
        .draw()?;

    for (i, name) in columns.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(i as f64, y0));
        root.draw(&PathElement::new(vec![(px, py), (px, py + 5)], MUTED))?;
        root.draw(&Text::new(
            name.to_string(),
            (px, py + 8),
            text_style(13.0, &INK, HPos::Center, VPos::Top),
        ))?;
    }

    let numeric: Vec<usize> = (0..series.len())
        .filter(|&i| !series[i].bands.is_empty() || series[i].overall.is_some())
        .collect();
    let slot_width = 0.7 / numeric.len().max(1) as f64;
    let area = chart.plotting_area();
    for (slot, &index) in numeric.iter().enumerate() {
        let s = &series[index];
        let color = PALETTE[index % PALETTE.len()];
        let offset = -0.35 + slot_width * slot as f64;
        let (left, right) = (offset + slot_width * 0.1, offset + slot_width * 0.9);
        let centre = (left + right) / 2.0;
        for band in &s.bands {
            let x = Level::ALL
                .iter()
                .position(|l| *l == band.level)
                .unwrap_or(0) as f64;
            let min = f64::from(band.min);
            match band.max {
                Some(max) => {
                    area.draw(&Rectangle::new(
                        [(x + left, min), (x + right, f64::from(max))],
                        color.filled(),
                    ))?;
                    area.draw(&Text::new(
                        format!("{}–{}", short(band.min), short(max)),
                        (x + centre, f64::from(max)),
                        text_style(12.0, &INK, HPos::Center, VPos::Bottom),
                    ))?;
                }
                None => {
                    // Open-ended: the band starts here and the guide names no top, so it is
                    // drawn as a floor with an arrow, never as a bar with an invented top.
                    let arrow_top = y1 - (y1 - y0) * 0.06;
                    area.draw(&PathElement::new(
                        vec![(x + left, min), (x + right, min)],
                        color.stroke_width(4),
                    ))?;
                    area.draw(&PathElement::new(
                        vec![(x + centre, min), (x + centre, arrow_top)],
                        color.stroke_width(2),
                    ))?;
                    area.draw(
                        &(EmptyElement::at((x + centre, arrow_top))
                            + Polygon::new(vec![(0, -8), (-7, 4), (7, 4)], color.filled())),
                    )?;
                    area.draw(
                        &(EmptyElement::at((x + centre, min))
                            + Text::new(
                                format!("{}+", short(band.min)),
                                (0, 6),
                                text_style(12.0, &INK, HPos::Center, VPos::Top),
                            )),
                    )?;
                }
            }
        }
        if let Some(overall) = &s.overall {
            let x = (count - 1) as f64;
            let (low, high) = (f64::from(overall.low), f64::from(overall.high));
            area.draw(&Rectangle::new(
                [(x + left, low), (x + right, high)],
                color.mix(0.55).filled(),
            ))?;
            area.draw(&Text::new(
                format!("{}–{}", short(overall.low), short(overall.high)),
                (x + centre, high),
                text_style(12.0, &INK, HPos::Center, VPos::Bottom),
            ))?;
            if let Some(median) = overall.median {
                let m = f64::from(median);
                area.draw(&PathElement::new(
                    vec![(x + left, m), (x + right, m)],
                    INK.stroke_width(2),
                ))?;
                // Labelled in the series colour right of the column, where there is room.
                area.draw(&Text::new(
                    format!("median {}", short(median)),
                    (x + 0.42, m),
                    text_style(12.0, &color, HPos::Left, VPos::Center),
                ))?;
            }
        }
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series() -> Vec<ChartSeries> {
        vec![
            ChartSeries {
                label: "Guide A".into(),
                bands: vec![
                    Band {
                        level: Level::Junior,
                        min: 105_000,
                        max: Some(130_000),
                    },
                    Band {
                        level: Level::Principal,
                        min: 250_000,
                        max: None,
                    },
                ],
                overall: Some(Overall {
                    low: 105_000,
                    high: 250_000,
                    median: Some(151_083),
                }),
            },
            ChartSeries {
                label: "Guide B".into(),
                bands: Vec::new(),
                overall: Some(Overall {
                    low: 105_000,
                    high: 190_000,
                    median: Some(133_080),
                }),
            },
        ]
    }

    #[test]
    fn renders_a_png_of_the_declared_size() {
        let png = salary_chart(&labels(), &series(), Some(Level::Senior)).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(png.as_slice());
        let reader = decoder.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (WIDTH, HEIGHT));
    }

    fn labels() -> ChartLabels {
        ChartLabels {
            title: "Pay by level (USD)".into(),
            asked: Some("Asked: senior".into()),
            notes: vec![
                "Source: Guide A — USD, no country named".into(),
                "Source: Guide B — US pay, USD".into(),
            ],
        }
    }

    #[test]
    fn rendering_is_deterministic() {
        let a = salary_chart(&labels(), &series(), None).unwrap();
        let b = salary_chart(&labels(), &series(), None).unwrap();
        assert_eq!(a, b);
    }

    fn pixels(png: &[u8]) -> Vec<u8> {
        let decoder = png::Decoder::new(png);
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buffer).unwrap();
        buffer.truncate(info.buffer_size());
        buffer
    }

    /// Rows of the image (top to bottom) that hold any non-white pixel, among `rows`.
    fn inked_rows(rgb: &[u8], rows: std::ops::Range<u32>) -> usize {
        let row_bytes = (WIDTH * 3) as usize;
        rows.filter(|&y| {
            rgb[y as usize * row_bytes..(y as usize + 1) * row_bytes]
                .iter()
                .any(|&b| b != 255)
        })
        .count()
    }

    /// The asked line and the source notes are drawn: each changes the picture where it goes
    /// (under the title; along the bottom), and a chart without them leaves the bottom blank.
    #[test]
    fn the_asked_line_and_the_sources_are_drawn() {
        let full = pixels(&salary_chart(&labels(), &series(), Some(Level::Senior)).unwrap());
        let bare = ChartLabels {
            title: "Pay by level (USD)".into(),
            ..ChartLabels::default()
        };
        let plain = pixels(&salary_chart(&bare, &series(), Some(Level::Senior)).unwrap());
        let without_asked = ChartLabels {
            asked: None,
            ..labels()
        };
        let no_asked =
            pixels(&salary_chart(&without_asked, &series(), Some(Level::Senior)).unwrap());
        let under_title = 34..50;
        assert!(inked_rows(&full, under_title.clone()) > 0);
        assert_ne!(
            full[(34 * WIDTH * 3) as usize..(50 * WIDTH * 3) as usize],
            no_asked[(34 * WIDTH * 3) as usize..(50 * WIDTH * 3) as usize],
            "the asked line is drawn under the title"
        );
        let bottom = HEIGHT - 30..HEIGHT;
        assert!(
            inked_rows(&full, bottom.clone()) >= 10,
            "the source notes are drawn"
        );
        assert_ne!(full, plain);
    }

    #[test]
    fn y_range_leaves_room_for_open_bands() {
        assert_eq!(y_range(&series()), (50_000.0, 300_000.0));
        assert_eq!(y_range(&[]), (0.0, 100_000.0));
        assert_eq!(short(151_083), "151.1k");
        assert_eq!(short(250_000), "250k");
    }
}
