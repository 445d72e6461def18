import { useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, TextArea, TextInput } from 'hds-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoJsonGeometry } from '@contracts/common';
import { TableBody, TablePatchBody, type TableDetail } from '@contracts/partnership-tables';
import { errorProps } from '@/ui/error-props';
import { GeometryInput, type PlaceMode } from '@/ui/GeometryInput';
import { errorMessage } from '@/ui/format';
import { FormErrorSummary } from '@/ui/FormErrorSummary';
import { useFormErrors } from '@/ui/use-form-errors';
import { draftGeometry, draftStore, editableRing, useDraft } from '@/map/draw/draft';
import { kehraKeys } from '@/layers/kehra/query';
import { claimMapClicks } from '@/map/map-clicks';
import { useTableWrite } from './TableEditing';
import { ThemeCheckboxes } from '@/ui/ThemeCheckboxes';
import { CoordinateFields, parseCoordinates } from '@/ui/CoordinateFields';
import { FormActions } from '@/ui/FormActions';

type Point = { lon: number; lat: number };

const AREA_MODES: PlaceMode[] = ['area', 'polygon'];
const ID = 'table-form';
/** The form's fields in the order shown, and what takes the focus when each is wrong. */
const TARGETS = {
  name: `#${ID}-name`,
  convener: `#${ID}-convener`,
  description: `#${ID}-description`,
  themes: `[id^="${ID}-theme-"]`,
  area: '.table-form-area input, .table-form-area button',
  meetingPlaceName: `#${ID}-place-name`,
  meetingPlace: `#${ID}-place-lon`,
  contactName: `#${ID}-contact-name`,
  contactEmail: `#${ID}-contact-email`,
  form: `#${ID}-summary`,
};
/** A district picked or a polygon drawn: either is the table's area, shown at the one area input. */
const RENAME = { areaId: 'area', geometry: 'area' };

const coord = (n: number) => String(Number(n.toFixed(6)));
const sameThemes = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();

interface TableFormProps {
  /** Editing: the table as it is now; without it the form creates a new table. */
  table?: TableDetail;
  onSaved: (table: TableDetail) => void;
  onCancel: () => void;
}

/**
 * A partnership table's details: creating (POST) or editing (PATCH with only the changed fields).
 * The area is a district from the list or a polygon drawn with the ideas' drawing tool; the
 * meeting place is typed coordinates or the next click on the map.
 */
export function TableForm({ table, onSaved, onCancel }: TableFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const write = useTableWrite();
  const draft = useDraft();
  const editing = !!table;
  const drawnAtStart = !!table && !table.area;
  const [initialRing] = useState(() => (table && !table.area ? editableRing(table.geometry as GeoJsonGeometry) : null));
  const [mode, setMode] = useState<PlaceMode>(table && !table.area ? 'polygon' : 'area');
  const [areaId, setAreaId] = useState<number | null>(table?.area?.id ?? null);
  const [name, setName] = useState(table?.name ?? '');
  const [convener, setConvener] = useState(table?.convener ?? '');
  const [description, setDescription] = useState(table?.description ?? '');
  const [themes, setThemes] = useState<string[]>(table?.themes ?? []);
  const [placeName, setPlaceName] = useState(table?.meetingPlaceName ?? '');
  const [lon, setLon] = useState(table?.meetingPlace ? coord(table.meetingPlace.lon) : '');
  const [lat, setLat] = useState(table?.meetingPlace ? coord(table.meetingPlace.lat) : '');
  const [contactName, setContactName] = useState(table?.contact.name ?? '');
  const [contactEmail, setContactEmail] = useState(table?.contact.email ?? '');
  const [picking, setPicking] = useState(false);
  const [pickStatus, setPickStatus] = useState('');
  const form = useFormErrors(TARGETS, RENAME);
  const { errors } = form;
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  // Map clicks draw the area only while the form is open; a drawn table starts from its outline.
  useEffect(() => {
    if (initialRing) draftStore.load('polygon', initialRing);
    else if (drawnAtStart) draftStore.setMode('polygon');
    if (editing) heading.current?.focus();
    return () => draftStore.reset();
  }, [initialRing, drawnAtStart, editing]);

  // "Choose on the map": the next map click is the meeting place (drawing pauses so it does not take it).
  useEffect(() => {
    if (!picking) return;
    if (draftStore.get().drawing) draftStore.setDrawing(false);
    return claimMapClicks((e) => {
      setLon(coord(e.lngLat.lng));
      setLat(coord(e.lngLat.lat));
      setPicking(false);
      setPickStatus(t('partnershipTable.form.picked', { lon: coord(e.lngLat.lng), lat: coord(e.lngLat.lat) }));
      return true;
    });
  }, [picking, t]);

  function changeMode(next: PlaceMode) {
    setMode(next);
    // Choosing a district: GeometryInput shows the picked one (and clears any drawing).
    if (next === 'area') return;
    if (initialRing) draftStore.load('polygon', initialRing);
    else draftStore.setMode('polygon');
  }

  function togglePicking() {
    setPicking(!picking);
    setPickStatus(picking ? '' : t('partnershipTable.form.picking'));
  }

  const point = (): Point | null | 'invalid' => {
    if (!lon.trim() && !lat.trim()) return null;
    const typed = parseCoordinates(lon, lat);
    return typed ? { lon: typed[0], lat: typed[1] } : 'invalid';
  };
  const drawn = draftGeometry({ mode: 'polygon', vertices: draft.vertices });
  const ringUnchanged = !!initialRing && JSON.stringify(draft.vertices) === JSON.stringify(initialRing);

  /** Every field for a new table; only what differs from the table for an edit. */
  function body(): TableBody | TablePatchBody {
    const typed = point();
    const p = typed === 'invalid' ? null : typed;
    const area =
      mode === 'area'
        ? areaId != null
          ? { areaId }
          : {}
        : drawn
          ? { geometry: drawn as unknown as Record<string, unknown> }
          : {};
    const text = (s: string) => s.trim() || undefined;
    if (!table) {
      return {
        name: name.trim(),
        convener: convener.trim(),
        description: text(description),
        themes: themes.length ? themes : undefined,
        ...area,
        meetingPlaceName: text(placeName),
        meetingPlace: p ?? undefined,
        contactName: text(contactName),
        contactEmail: text(contactEmail),
      };
    }
    const patch: TablePatchBody = {};
    if (name.trim() !== table.name) patch.name = name.trim();
    if (convener.trim() !== table.convener) patch.convener = convener.trim();
    if (description.trim() !== table.description) patch.description = description.trim();
    if (!sameThemes(themes, table.themes)) patch.themes = themes;
    const areaChanged = mode === 'area' ? areaId !== table.area?.id : !!table.area || !ringUnchanged;
    if (areaChanged) Object.assign(patch, area);
    // An emptied field is sent as null: the API then removes it (e.g. a contact person's details).
    const changed = (now: string, before: string | null) => (now.trim() || null) !== (before ?? null);
    if (changed(placeName, table.meetingPlaceName)) patch.meetingPlaceName = placeName.trim() || null;
    if (p ? p.lon !== table.meetingPlace?.lon || p.lat !== table.meetingPlace?.lat : table.meetingPlace) patch.meetingPlace = p;
    if (changed(contactName, table.contact.name)) patch.contactName = contactName.trim() || null;
    if (changed(contactEmail, table.contact.email)) patch.contactEmail = contactEmail.trim() || null;
    return patch;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const changes = body();
    if (table && Object.keys(changes).length === 0) return form.show({ form: t('partnershipTable.form.noChanges') });
    const noArea = mode === 'area' ? areaId == null : !drawn;
    const areaMessage = mode === 'area' ? t('partnershipTable.form.errors.areaId') : t('partnershipTable.form.errors.geometry');
    // The route's own schema decides (POST or PATCH); the form says it in the reader's language where it can.
    const valid = form.check(table ? TablePatchBody : TableBody, changes, {
      say: {
        name: name.trim().length < 3 ? t('partnershipTable.form.errors.name') : undefined,
        convener: convener.trim().length < 2 ? t('partnershipTable.form.errors.convener') : undefined,
        areaId: noArea ? areaMessage : undefined,
        geometry: noArea ? areaMessage : undefined,
      },
      // Typed coordinates that are not numbers never reach the body; "exactly one area" is a rule of the
      // whole body, which zod checks only once the fields pass.
      extra: {
        ...(point() === 'invalid' ? { meetingPlace: t('partnershipTable.form.errors.meetingPlace') } : {}),
        ...(noArea ? { area: areaMessage } : {}),
      },
      summary: t('partnershipTable.form.errors.fix'),
    });
    if (!valid) return;
    setBusy(true);
    try {
      const saved = table
        ? await write<TableDetail>('PATCH', `/api/partnership-tables/${table.id}`, changes)
        : await write<TableDetail>('POST', '/api/partnership-tables', changes);
      queryClient.setQueryData(kehraKeys.table(saved.id), saved);
      onSaved(saved);
    } catch (err) {
      // The server's 400 names the field; its message says exactly what was wrong.
      form.fromServer(err, errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="idea-form table-form" onSubmit={submit} noValidate aria-labelledby={`${ID}-heading`}>
      <h2 id={`${ID}-heading`} className="panel-heading" ref={heading} tabIndex={-1}>
        {table ? t('partnershipTable.form.editHeading', { name: table.name }) : t('partnershipTable.form.newHeading')}
      </h2>
      <FormErrorSummary
        id={`${ID}-summary`}
        label={t('partnershipTable.form.failed')}
        message={errors.form}
        testId="table-form-error"
      />
      <TextInput
        id={`${ID}-name`}
        label={t('partnershipTable.form.name')}
        required
        maxLength={200}
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...errorProps(errors.name)}
      />
      <TextInput
        id={`${ID}-convener`}
        label={t('partnershipTable.form.convener')}
        helperText={t('partnershipTable.form.convenerHelp')}
        required
        maxLength={200}
        value={convener}
        onChange={(e) => setConvener(e.target.value)}
        {...errorProps(errors.convener)}
      />
      <TextArea
        id={`${ID}-description`}
        label={t('partnershipTable.form.description')}
        maxLength={5000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...errorProps(errors.description)}
      />
      <ThemeCheckboxes
        idPrefix={ID}
        label={t('partnershipTable.form.themes')}
        value={themes}
        onChange={setThemes}
        errorText={errors.themes}
      />
      <div className="table-form-area">
        <p className="panel-help">{t('partnershipTable.form.areaHelp')}</p>
        <GeometryInput
          mode={mode}
          onMode={changeMode}
          areaId={areaId}
          onArea={setAreaId}
          modes={AREA_MODES}
          error={errors.area}
        />
      </div>
      <fieldset className="idea-place">
        <legend>{t('partnershipTable.form.meetingPlace')}</legend>
        <TextInput
          id={`${ID}-place-name`}
          label={t('partnershipTable.form.meetingPlaceName')}
          maxLength={200}
          value={placeName}
          onChange={(e) => setPlaceName(e.target.value)}
          {...errorProps(errors.meetingPlaceName)}
        />
        <p className="panel-help">{t('partnershipTable.form.meetingPointHelp')}</p>
        <CoordinateFields
          idPrefix={`${ID}-place`}
          lon={lon}
          lat={lat}
          onLon={setLon}
          onLat={setLat}
          errors={{ lon: errors.meetingPlace }}
        />
        <div className="idea-draw-actions">
          <Button
            type="button"
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            onClick={togglePicking}
            aria-pressed={picking}
          >
            {picking ? t('partnershipTable.form.stopPicking') : t('partnershipTable.form.pick')}
          </Button>
        </div>
        <p className="idea-draw-status" role="status" data-testid="table-place-status">
          {pickStatus}
        </p>
      </fieldset>
      <fieldset className="idea-contact">
        <legend>{t('partnershipTable.form.contact')}</legend>
        <TextInput
          id={`${ID}-contact-name`}
          label={t('partnershipTable.form.contactName')}
          autoComplete="name"
          maxLength={200}
          value={contactName}
          onChange={(e) => setContactName(e.target.value)}
          {...errorProps(errors.contactName)}
        />
        <TextInput
          id={`${ID}-contact-email`}
          type="email"
          label={t('partnershipTable.form.contactEmail')}
          autoComplete="email"
          maxLength={254}
          value={contactEmail}
          onChange={(e) => setContactEmail(e.target.value)}
          {...errorProps(errors.contactEmail)}
        />
      </fieldset>
      <FormActions
        submitLabel={editing ? t('partnershipTable.form.saveEdit') : t('partnershipTable.form.create')}
        pending={busy}
        onCancel={onCancel}
      />
    </form>
  );
}
