import Postgres
import Voorveld

// The domain's code lists as the database stores them: each decodes from its text, and a value
// the list does not know fails the read instead of turning into another value.
extension Rol: PostgresTextEnum {}
extension Kanaal: PostgresTextEnum {}
extension Inzetduur: PostgresTextEnum {}
extension HulpvraagStatus: PostgresTextEnum {}
extension VrijwilligerStatus: PostgresTextEnum {}
extension Leeftijdsgroep: PostgresTextEnum {}
extension Onderdeel: PostgresTextEnum {}
extension AuditRegel.Resultaat: PostgresTextEnum {}
extension VrijwilligerOptie.Relatie: PostgresTextEnum {}
